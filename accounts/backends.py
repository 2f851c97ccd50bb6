"""How a signed-in request finds its person: Django's ModelBackend, reading the person's director
and mentor profiles in the same query. Every signed-in page's navigation asks whether the person
is a director or a mentor (User.is_director, User.is_mentor), which cost two more queries a page
when each profile was read on its own."""

from django.contrib.auth.backends import ModelBackend

from accounts.models import User

# The reverse one-to-one relations of talents.Talent.user and mentors.Mentor.user; a missing
# profile is remembered as missing, so `is_director` asks nothing either.
PROFILES = ("talent_profile", "mentor_profile")


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        user = User._default_manager.select_related(*PROFILES).filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
