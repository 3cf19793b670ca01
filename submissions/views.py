"""The public /submit/ form: community-of-practice members propose a case study."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .drafts import create_draft, send_confirmation
from .forms import CaseStudySubmissionForm
from .ratelimit import is_over_limit


@never_cache
def submit_case_study(request):
    if request.method != "POST":
        form = CaseStudySubmissionForm()
        return render(request, "submissions/submit.html", {"form": form.prepare_for_uswds()})

    form = CaseStudySubmissionForm(request.POST)
    if form.is_spam():
        # Answer as if it worked: a bot learns nothing, and nothing is stored or sent.
        return redirect("submissions:thanks")
    if not form.is_valid():
        return render(request, "submissions/submit.html", {"form": form.prepare_for_uswds()})
    # Only complete submissions count: a person correcting mistakes is never locked out, and
    # invalid posts cost nothing to refuse.
    if is_over_limit(request):
        context = {"form": form.prepare_for_uswds(), "rate_limited": True}
        return render(request, "submissions/submit.html", context, status=429)

    submission = create_draft(form.cleaned_data)
    send_confirmation(submission)
    return redirect("submissions:thanks")


def thanks(request):
    return render(request, "submissions/thanks.html")
