"""The forms the workspace and the portal share for a session: who came, and a private note
on one of its films."""

from django import forms
from django.utils.translation import gettext_lazy as _

from films.models import Film
from training.models import Attendee, Session


class AttendanceForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Who came"),
        error_messages={"invalid_choice": _("%(value)s is not invited to this session.")},
    )

    def __init__(self, *args, session: Session, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = session.attendees.select_related("user", "film").order_by("is_mentor", "pk")
        self.fields["attended"].choices = [(a.user_id, _label(a)) for a in people]
        self.fields["attended"].initial = [a.user_id for a in people if a.attended]


def _label(attendee: Attendee) -> str:
    who = attendee.user.full_name or attendee.user.email
    return f"{who} · {attendee.film.title}" if attendee.film else f"{who} · {_('mentor')}"


class SessionNoteForm(forms.Form):
    film = forms.ModelChoiceField(queryset=Film.objects.none(), label=_("Film"))
    body = forms.CharField(
        label=_("Private note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, films, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["film"].queryset = films
