"""Editors add teasers to the library as they write related lists; Reviewers, who publish, may
also change and delete them, because a teaser's change shows at once on every live article that
links to it, and deleting one removes it from those articles."""

from django.db import migrations

CODENAMES = {
    "Editors": ["add_teaser", "view_teaser"],
    "Reviewers": ["add_teaser", "change_teaser", "delete_teaser", "view_teaser"],
}


def grant_teaser_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="related", model="teaser")
    for group in Group.objects.filter(name__in=CODENAMES):
        group.permissions.add(
            *(
                Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=codename,
                    defaults={"name": f"Can {codename.split('_')[0]} teaser"},
                )[0]
                for codename in CODENAMES[group.name]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_editors_reviewers_and_clinical_review_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("related", "0001_teasers_and_related_links"),
    ]

    operations = [migrations.RunPython(grant_teaser_permissions, migrations.RunPython.noop)]
