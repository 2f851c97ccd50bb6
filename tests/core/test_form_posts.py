"""core.form_posts: the one flow of a posted form, and how a service's refusal reaches it."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from core.form_posts import form_error_from, form_post


class TitleForm(forms.Form):
    title = forms.CharField(max_length=20)


def posted(data: dict):
    request = RequestFactory().post("/", data)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def post(request, save):
    form = TitleForm(request.POST)
    response = form_post(
        request,
        form,
        save,
        message="Saved.",
        success=lambda saved: HttpResponse(f"ok {saved}"),
        failure=lambda: HttpResponse("again", status=400),
    )
    return form, response


def test_form_post_valid_calls_the_service_and_says_so():
    request = posted({"title": "The Cage"})

    _form, response = post(request, lambda data: data["title"].upper())

    assert response.content == b"ok THE CAGE"
    assert [str(m) for m in get_messages(request)] == ["Saved."]


def test_form_post_invalid_shows_the_form_again_without_calling_the_service():
    request = posted({"title": ""})
    calls = []

    form, response = post(request, calls.append)

    assert response.status_code == 400
    assert calls == []
    assert list(form.errors) == ["title"]


def test_form_post_service_refusal_lands_on_the_form_and_nothing_is_said():
    request = posted({"title": "Angle"})

    def refuse(data):
        raise ValidationError({"title": "Taken."})

    form, response = post(request, refuse)

    assert response.status_code == 400
    assert form.errors == {"title": ["Taken."]}
    assert list(get_messages(request)) == []


def test_form_error_from_names_a_field_the_form_does_not_show():
    form = TitleForm({"title": "Lausanne"})
    form.is_valid()

    form_error_from(form, ValidationError({"slug": ["Already used."]}))

    assert form.non_field_errors() == ["slug: Already used."]


def test_form_error_from_puts_a_plain_refusal_on_the_given_field():
    form = TitleForm({"title": "Lausanne"})
    form.is_valid()

    form_error_from(form, ValidationError("Too late."), field="title")

    assert form.errors == {"title": ["Too late."]}
