"""The testimony form a relative fills in."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TestimonyForm(forms.Form):
    """What a relative knows about a missing person, and how to reach them (kept sealed)."""

    name = forms.CharField(label=_("Name of the missing person, in any script"), max_length=500)
    other_names = forms.CharField(label=_("Other names or spellings"), max_length=1000, required=False)
    birth_year = forms.CharField(label=_("Year of birth (or age)"), max_length=32, required=False)
    hometown = forms.CharField(label=_("Hometown"), max_length=500, required=False)
    relation = forms.CharField(label=_("Your relation to this person"), max_length=128, required=False)
    last_contact = forms.CharField(label=_("Last contact"), max_length=128, required=False)
    detention = forms.CharField(label=_("What happened"), widget=forms.Textarea, max_length=10000, required=False)
    testifier_name = forms.CharField(label=_("Your name"), max_length=500, required=False)
    testifier_contact = forms.CharField(label=_("How we can reach you"), max_length=500, required=False,
                                        help_text=_("Stored encrypted; seen only by editors, and every view is "
                                                    "logged."))
