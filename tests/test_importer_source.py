"""Reading messy front matter: the cases found in real Hugo content, on samples written here."""

import datetime

import pytest

from importer.rules import RulesError, load_rules
from importer.source import (
    SkipFile,
    clean_text,
    date_from_filename,
    parse_date,
    parse_datetime,
    read_source,
    slug_list,
)


def write(tmp_path, text, name="article.md", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_blank_line_before_the_opening_dashes_is_accepted(tmp_path):
    source = read_source(write(tmp_path, "\n\n---\ntitle: Hello\n---\nBody.\n"), "a.md")
    assert source.front_matter == {"title": "Hello"}
    assert source.body == "Body.\n"


def test_titles_wrapped_over_several_yaml_lines_are_joined(tmp_path):
    source = read_source(write(tmp_path, '---\ntitle: "A title that\n  wraps onto a second line"\n---\n'), "a.md")
    assert clean_text(source.front_matter["title"]) == "A title that wraps onto a second line"


def test_entities_in_titles_are_decoded_once():
    assert clean_text("The county&#8217;s &amp;amp; office") == "The county’s &amp; office"


def test_front_matter_without_a_body(tmp_path):
    source = read_source(write(tmp_path, "---\ntitle: Stub\nsource_url: https://example.gov\n---"), "a.md")
    assert source.body == ""


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\ntitle: [unclosed\n---\n", "broken front matter at line 2"),
        ("No front matter here.\n", "no front matter"),
        ("---\n- a list\n---\n", "front matter is not a set of key: value pairs"),
    ],
)
def test_unreadable_files_are_skipped_with_a_reason(tmp_path, text, reason):
    with pytest.raises(SkipFile, match=reason):
        read_source(write(tmp_path, text), "a.md")


def test_undecodable_bytes_are_skipped_with_a_reason(tmp_path):
    with pytest.raises(SkipFile, match="not UTF-8"):
        read_source(write(tmp_path, "---\ntitle: Caf\xe9\n---\n", encoding="latin-1"), "a.md")


def test_the_same_topic_listed_twice_counts_once():
    assert slug_list(["wait-times", "Customer Experience", "wait-times", "", None]) == [
        "wait-times",
        "customer-experience",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-28 16:36:00 -0500", datetime.date(2024, 6, 28)),
        ("2024-06-28T23:30:00+02:00", datetime.date(2024, 6, 28)),
        ("2024-06-28", datetime.date(2024, 6, 28)),
        ("2024-6-3", datetime.date(2024, 6, 3)),
        (datetime.date(2024, 6, 28), datetime.date(2024, 6, 28)),
        (datetime.datetime(2024, 6, 28, 23, 0), datetime.date(2024, 6, 28)),
        ("", None),
        ("someday", None),
        (None, None),
    ],
)
def test_dates_with_or_without_a_time(value, expected):
    assert parse_date(value) == expected


def test_datetimes_keep_their_time_zone():
    moment = parse_datetime("2024-06-28 16:36:00 -0500")
    assert moment.utcoffset() == datetime.timedelta(hours=-5)
    assert moment.hour == 16


def test_date_from_a_hugo_news_file_name():
    assert date_from_filename("2021-04-06-chatbots.md") == datetime.date(2021, 4, 6)
    assert date_from_filename("chatbots.md") is None


def test_the_default_rules_choose_page_types():
    rules = load_rules()
    assert rules.page_type_for("content/resources/x.md", {}) == ("tool", {"tool_type": "guide"})
    assert rules.page_type_for("content/news/x.md", {}) == ("agency-example", {})
    assert rules.page_type_for("content/news/x.md", {"type": "Case-Study"})[0] == "case-study"
    sections = {"challenge": "a", "approach": "b", "results": "c"}
    assert rules.page_type_for("content/news/x.md", sections)[0] == "case-study"


def test_the_default_rules_know_digital_gov_old_urls():
    rules = load_rules()
    day = datetime.date(2021, 4, 7)
    assert rules.old_url_for("content/news/2021/04/x.md", "chatbots", day) == "/2021/04/07/chatbots/"
    assert rules.old_url_for("content/resources/x.md", "guide", day) == "/resources/guide/"
    assert rules.old_url_for("content/guides/hcd/_index.md", "hcd", day) == "/guides/hcd/"
    assert rules.old_url_for("content/services/directory.md", "directory", None) == "/services/directory/"
    assert rules.old_url_for("content/news/x.md", "undated", None) == ""


def test_the_default_rules_skip_term_definitions():
    rules = load_rules()
    assert rules.skip_reason("content/topics/cx/_index.md") == "topic definition"
    assert rules.skip_reason("content/news/topics-of-the-week.md") == ""


def test_a_rules_file_with_an_unknown_page_type_is_refused(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("page_types:\n  - path: '*'\n    type: blog-post\n")
    with pytest.raises(RulesError, match="blog-post"):
        load_rules(path)
