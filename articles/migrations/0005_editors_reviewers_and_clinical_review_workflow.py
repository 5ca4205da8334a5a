"""The Editors and Reviewers groups with just the permissions they need, and the clinical review
workflow on the whole page tree in place of Wagtail's default "Moderators approval"."""

from django.db import migrations

EDITORS, REVIEWERS = "Editors", "Reviewers"
GLOBAL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("articles", "person", "add_person"),
        ("articles", "person", "view_person"),
    ],
    REVIEWERS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("articles", "person", "add_person"),
        ("articles", "person", "change_person"),
        ("articles", "person", "view_person"),
        ("articles", "signpost", "add_signpost"),
        ("articles", "signpost", "change_signpost"),
        ("articles", "signpost", "view_signpost"),
    ],
}
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    EDITORS: [("wagtailimages", "image", "add_image"), ("wagtailimages", "image", "choose_image"),
              ("wagtaildocs", "document", "add_document"),
              ("wagtaildocs", "document", "choose_document")],
    REVIEWERS: [("wagtailimages", "image", "add_image"), ("wagtailimages", "image", "choose_image"),
                ("wagtailimages", "image", "change_image"),
                ("wagtaildocs", "document", "add_document"),
                ("wagtaildocs", "document", "choose_document"),
                ("wagtaildocs", "document", "change_document")],
}


def permission(apps, app_label, model, codename):
    """The permission, created if Django has not yet made it (it does so after migrating)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_")[0]
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
    )[0]


def set_up_groups(apps, root_page, root_collection):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    groups = {}
    for name in (EDITORS, REVIEWERS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([permission(apps, *spec) for spec in GLOBAL_PERMISSIONS[name]])
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.create(
                group=group, page=root_page,
                permission=permission(apps, "wagtailcore", "page", codename),
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for spec in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission(apps, *spec)
            )
        groups[name] = group
    Group.objects.filter(name="Moderators", user__isnull=True).delete()
    return groups


def set_up_workflow(apps, root_page, reviewers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ClinicalReviewTask = apps.get_model("articles", "ClinicalReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="articles", model="clinicalreviewtask"
    )
    task = ClinicalReviewTask.objects.create(
        name="Clinical review", content_type=content_type, active=True
    )
    task.groups.set([reviewers])
    workflow = Workflow.objects.create(name="Clinical review", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    Workflow.objects.filter(name="Moderators approval").update(active=False)
    Task.objects.filter(name="Moderators approval").update(active=False)


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = set_up_groups(apps, root_page, root_collection)
    set_up_workflow(apps, root_page, groups[REVIEWERS])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_clinical_review_people_and_settings"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
