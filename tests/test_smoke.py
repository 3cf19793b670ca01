from kb.models import Agency, CaseStudyPage, Topic


def test_published_case_study_renders_with_its_taxonomy(client, make_page):
    va = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA")
    topic = Topic.objects.create(name="Journey mapping")
    page = make_page(CaseStudyPage, title="Shorter waits for claims", agencies=[va], topics=[topic])

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Shorter waits for claims" in html
    assert 'href="/search/?agency=department-of-veterans-affairs"' in html
    assert 'href="/search/?topic=journey-mapping"' in html
