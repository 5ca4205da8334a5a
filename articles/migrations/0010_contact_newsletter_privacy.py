"""The contact page, newsletter subscribers and the privacy notice. Subscribers' addresses are
personal data: Reviewers may see and delete them, Editors may not."""

import articles.methods
import django.db.models.deletion
import django.db.models.functions.text
import modelcluster.fields
import wagtail.contrib.forms.models
import wagtail.fields
from django.db import migrations, models

SUBSCRIBER_PERMISSIONS = ["view_subscriber", "delete_subscriber"]


def let_reviewers_see_and_delete_subscribers(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers = Group.objects.filter(name="Reviewers").first()
    if reviewers is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="articles", model="subscriber")
    for codename in SUBSCRIBER_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} subscriber"},
        )
        reviewers.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0009_comments'),
        ('articles', '0005_editors_reviewers_and_clinical_review_workflow'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContactPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                ('to_address', models.CharField(blank=True, help_text='Optional - form submissions will be emailed to these addresses. Separate multiple addresses by comma.', max_length=255, validators=[wagtail.contrib.forms.models.validate_to_address], verbose_name='to address')),
                ('from_address', models.EmailField(blank=True, max_length=255, verbose_name='from address')),
                ('subject', models.CharField(blank=True, max_length=255, verbose_name='subject')),
                ('hide_from_search_engines', models.BooleanField(default=False, help_text='Ask search engines not to list this page, and leave it out of the sitemap.')),
                ('introduction', wagtail.fields.RichTextField(blank=True)),
                ('thank_you_text', wagtail.fields.RichTextField(blank=True, help_text='Shown once a message has been sent.')),
            ],
            options={
                'verbose_name': 'contact page',
            },
            bases=(articles.methods.AllowedMethodsMixin, wagtail.contrib.forms.models.FormMixin, 'wagtailcore.page', models.Model),
        ),
        migrations.AddField(
            model_name='sitesettings',
            name='privacy_notice',
            field=wagtail.fields.RichTextField(default="<p>You can read every page of this library without telling us anything about yourself. We set no tracking cookies, and your browser fetches nothing from any other site while you read.</p><h2>What we keep, and why</h2><p><b>Comments:</b> the name and comment you write are shown with the article once a reviewer approves them. The e-mail address you may add is never shown; we use it only to contact you about your comment.</p><p><b>Messages:</b> what you send through our contact form is kept so that we can answer you, and may be e-mailed to our editors.</p><p><b>Newsletter:</b> we keep your e-mail address to send you the newsletter, and the time you confirmed it. An address that is not confirmed within three days is deleted. Every newsletter has a link to unsubscribe; using it deletes your address.</p><h2>Where it is kept</h2><p>In this site's own database, seen only by our editorial team. We do not sell or share it, and it is not sent to other services.</p><h2>Your data, your choice</h2><p>To see, correct or delete what we hold about you, write to us through the contact page and we will do so.</p>", help_text="Shown at /privacy/ and linked from every form. Say what readers' data is for."),
        ),
        migrations.CreateModel(
            name='ContactFormField',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('clean_name', models.CharField(blank=True, default='', help_text='Safe name of the form field, the label converted to ascii_snake_case', max_length=255, verbose_name='name')),
                ('label', models.CharField(help_text='The label of the form field', max_length=255, verbose_name='label')),
                ('field_type', models.CharField(choices=[('singleline', 'Single line text'), ('multiline', 'Multi-line text'), ('email', 'Email'), ('number', 'Number'), ('url', 'URL'), ('checkbox', 'Checkbox'), ('checkboxes', 'Checkboxes'), ('dropdown', 'Drop down'), ('multiselect', 'Multiple select'), ('radio', 'Radio buttons'), ('date', 'Date'), ('datetime', 'Date/time'), ('hidden', 'Hidden field')], max_length=16, verbose_name='field type')),
                ('required', models.BooleanField(default=True, verbose_name='required')),
                ('choices', models.TextField(blank=True, help_text='Comma or new line separated list of choices. Only applicable in checkboxes, radio and dropdown.', verbose_name='choices')),
                ('default_value', models.TextField(blank=True, help_text='Default value. Comma or new line separated values supported for checkboxes.', verbose_name='default value')),
                ('help_text', models.CharField(blank=True, max_length=255, verbose_name='help text')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='form_fields', to='articles.contactpage')),
            ],
            options={
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='sitesettings',
            name='contact_page',
            field=models.ForeignKey(blank=True, help_text="Linked from every page's footer as “Contact us”.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='articles.contactpage'),
        ),
        migrations.CreateModel(
            name='Subscriber',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mail address')),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmed')),
            ],
            options={
                'ordering': ['-created'],
                'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('email'), name='unique_subscriber_email')],
            },
        ),
        migrations.RunPython(let_reviewers_see_and_delete_subscribers, migrations.RunPython.noop),
    ]
