"""The public "propose a case study" form."""

from django import forms

TEXT_LIMIT = 5000


class CaseStudySubmissionForm(forms.Form):
    title = forms.CharField(max_length=255, help_text="A short, plain title, such as “Cutting call wait times”.")
    agency = forms.CharField(max_length=150, help_text="The agency or program the case study is about.")
    summary = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences. 500 characters at most.",
    )
    challenge = forms.CharField(
        label="The challenge",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea,
        help_text="The problem your customers faced.",
    )
    approach = forms.CharField(
        label="What you did",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea,
        help_text="The research, design and delivery work.",
    )
    results = forms.CharField(
        max_length=TEXT_LIMIT, widget=forms.Textarea, help_text="What changed for customers and for the agency."
    )
    contact_name = forms.CharField(label="Your name", max_length=150)
    contact_email = forms.EmailField(
        label="Your email address", max_length=254, help_text="We only use it to ask about your submission."
    )
    consent = forms.BooleanField(
        label="I agree that the CX Toolkit team may edit and publish this case study.",
        error_messages={"required": "You must agree to publication before you submit."},
    )
    # Honeypot: hidden from people (and assistive technology); bots that fill every field fill it.
    website = forms.CharField(required=False, label="Leave this field empty")

    def is_spam(self):
        return bool(self.data.get("website", "").strip())

    def prepare_for_uswds(self):
        """Give every widget the USWDS classes and tie it to its hint and error message
        (aria-describedby), so the errors are announced next to the field they belong to."""
        for name, field in self.fields.items():
            bound = self[name]
            widget = field.widget
            errors = bound.errors if self.is_bound else []
            described_by = []
            if field.help_text:
                described_by.append(f"{bound.auto_id}-hint")
            if errors:
                described_by.append(f"{bound.auto_id}-error")
                widget.attrs["aria-invalid"] = "true"
            if described_by:
                widget.attrs["aria-describedby"] = " ".join(described_by)
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "usa-checkbox__input"
            elif isinstance(widget, forms.Textarea):
                widget.attrs["class"] = "usa-textarea" + (" usa-input--error" if errors else "")
            else:
                widget.attrs["class"] = "usa-input" + (" usa-input--error" if errors else "")
        honeypot = self.fields["website"].widget
        honeypot.attrs.update({"tabindex": "-1", "autocomplete": "off", "class": "usa-input"})
        return self
