"""People in the editorial roles, for the workflow and freshness tests."""

from django.contrib.auth.models import Group, User


def make_user(username, group_name):
    """A user in one editorial group (the groups come from `setup_editorial`: use the `editorial` fixture)."""
    user = User.objects.create_user(username, f"{username}@example.gov", "pw", first_name=username.title())
    user.groups.add(Group.objects.get(name=group_name))
    return user
