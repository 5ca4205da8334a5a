"""A reader writes to the editors through the contact page in a real browser, and the message
is waiting for them in the admin."""

import re

from playwright.sync_api import expect

from tests.browser.test_editorial_flow import as_user

MESSAGE = "Is there an audio version of the article on psychogenic pain?"


def test_a_reader_sends_a_message_that_editors_read_in_the_admin(
    browser, live_site, page, admin_credentials
):
    page.goto(live_site.url + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Contact us").click()
    page.get_by_role("button", name="Send message").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_be_visible()

    page.get_by_label("Your name").fill("Ada Reader")
    page.get_by_label("Your e-mail address").fill("ada@example.org")
    page.get_by_label("Your message").fill(MESSAGE)
    page.get_by_role("button", name="Send message").click()
    expect(page.locator("main")).to_contain_text("your message has reached our editors")

    contact_id = live_site.python(
        "from articles.models import ContactPage\nprint(ContactPage.objects.get().pk)"
    )
    admin = as_user(browser, live_site, admin_credentials)
    admin.goto(f"{live_site.url}/admin/forms/submissions/{contact_id}/")
    assert MESSAGE in admin.locator("main").inner_text()
    admin.context.close()
