"""Forms of the import pages."""

from __future__ import annotations

from django import forms
from django.conf import settings


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files at once."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="选择文件",
        error_messages={"required": "请选择要导入的文件。", "empty": "上传的文件是空的。"},
    )

    def clean_files(self) -> list:
        """Refuse a batch over the upload limit by its declared sizes, before reading it."""
        files = self.cleaned_data["files"]
        total = sum(f.size for f in files)
        if total > settings.MAX_UPLOAD_BYTES:
            cap = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"上传文件共 {total / 1048576:.1f} MB，超过上限 {cap} MB。")
        return files
