"""People in the admin, addable from the chooser so an editor names a new reviewer in place."""

from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.people import Person


class PersonChooserViewSet(SnippetChooserViewSet):
    # A photo is added later, from the person's own page: a chooser can't open another chooser.
    form_fields = ["name", "credentials", "role", "bio"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    chooser_viewset_class = PersonChooserViewSet
