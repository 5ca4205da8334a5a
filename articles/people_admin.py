"""People in the admin, addable from the chooser so an editor names a new reviewer in place."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.people import Person


class PersonCreationForm(WagtailAdminModelForm):
    """A new person, named in place; a photo is added later, from the person's own page."""

    prefix = "person"

    class Meta:
        model = Person
        fields = ["name", "credentials", "role", "bio"]


class PersonChooserViewSet(SnippetChooserViewSet):
    creation_form_class = PersonCreationForm


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    chooser_viewset_class = PersonChooserViewSet
