from django import forms

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class MarkdownArchiveForm(forms.Form):
    archive = forms.FileField(
        label="Zip of Markdown files",
        help_text="Markdown files with YAML front matter, in folders if you like (at most 10 MB).",
    )

    def clean_archive(self):
        archive = self.cleaned_data["archive"]
        if not archive.name.lower().endswith(".zip"):
            raise forms.ValidationError("Upload a .zip file.")
        if archive.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 10 MB; import it in parts.")
        return archive
