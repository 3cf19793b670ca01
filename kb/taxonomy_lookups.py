"""What the admin's taxonomy chooser (kb/taxonomy_chooser.py) looks up as an editor types.

These answer the widget's two requests in place of wagtail-autocomplete's own views, which would
answer for any model with a title to anyone who can open the admin: these serve the three taxonomy
models only, match an agency's acronym as well as its name, and label terms as the rest of the admin
does ("Department of Veterans Affairs (VA)").
"""

from django.db.models import Case, Q, Value, When
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.auth import require_admin_access

from .models import Agency, LifeEvent, Topic
from .taxonomy_chooser import term_ids, term_item

# The widget names its model by label; these are the only ones it may look up.
TAXONOMY_MODELS = {model._meta.label: model for model in (Agency, Topic, LifeEvent)}
SEARCH_LIMIT = 20


def _matching(model, query):
    terms = model.objects.all()
    for word in query.split():
        matches = Q(name__icontains=word)
        if model is Agency:
            matches |= Q(acronym__iexact=word)
        terms = terms.filter(matches)
    if model is Agency:
        # "irs" is in "Veterans Affairs" too: the agency whose acronym it is comes first.
        acronym = Case(When(acronym__iexact=query.strip(), then=Value(0)), default=Value(1))
        return terms.order_by(acronym, "name")
    return terms.order_by("name")


@require_POST
def search(request):
    """Terms whose name has every word typed (or, for agencies, whose acronym is one of them)."""
    model = TAXONOMY_MODELS.get(request.POST.get("type"))
    if model is None:
        return HttpResponseBadRequest("Only taxonomy terms can be looked up here.")
    terms = _matching(model, request.POST.get("query", "")[:100])
    terms = terms.exclude(pk__in=term_ids(request.POST.get("exclude", "").split(",")))[:SEARCH_LIMIT]
    return JsonResponse({"items": [term_item(term) for term in terms]})


@require_GET
def objects(request):
    """The chosen terms, by id: how the widget shows what a saved page already has."""
    model = TAXONOMY_MODELS.get(request.GET.get("type"))
    if model is None or not request.GET.get("pks"):
        return HttpResponseBadRequest("Give a taxonomy model and term ids.")
    pks = term_ids(request.GET["pks"].split(","))
    return JsonResponse({"items": [term_item(term) for term in model.objects.filter(pk__in=pks)]})


# The widget's script calls <admin home>autocomplete/search/ and .../objects/; kb's wagtail_hooks
# mounts these there.
urlpatterns = [
    path("search/", require_admin_access(search), name="kb_taxonomy_search"),
    path("objects/", require_admin_access(objects), name="kb_taxonomy_objects"),
]
