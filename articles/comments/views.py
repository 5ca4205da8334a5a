"""The comment form, on a page of its own: it carries a CSRF token and a fresh start time, so
it is never cached, while the article pages that link to it stay cacheable."""

import re
from http import HTTPStatus

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from articles.comments import spam
from articles.comments.forms import CommentForm
from articles.comments.models import Comment
from articles.models import ArticlePage

# A row id: digits that fit a 64-bit integer, so a longer number is a 404 rather than an overflow.
ID_PATTERN = "[0-9]{1,18}"


def commentable_article(article_id):
    """The live, public article; anything else is a 404."""
    articles = ArticlePage.objects.live().public().defer_streamfields()
    return get_object_or_404(articles, pk=article_id)


def reply_target(request, article):
    """The approved top-level comment `?reply=` answers: a reply to a reply joins its thread."""
    reply = request.GET.get("reply")
    if reply is None:
        return None
    if not re.fullmatch(ID_PATTERN, reply):
        raise Http404("No such comment.")
    approved = Comment.objects.filter(article=article, status=Comment.Status.APPROVED)
    comment = get_object_or_404(approved.select_related("parent"), pk=int(reply))
    thread = comment.parent or comment
    if thread.status != Comment.Status.APPROVED:
        raise Http404("No such comment.")
    return thread


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def new_comment(request, article_id):
    article = commentable_article(article_id)
    if not article.comments_are_open():
        context = {"article": article, "robots": "noindex"}
        return render(request, "comments/closed.html", context, status=HTTPStatus.NOT_FOUND)
    parent = reply_target(request, article)
    comment = Comment(article=article, parent=parent, address_hash=spam.address_hash(request))
    form = CommentForm(request.POST if request.method == "POST" else None, instance=comment)
    if form.is_valid():
        form.save()
        return redirect("comments:sent", article_id=article.pk)
    context = {
        "article": article,
        "parent": parent,
        "form": form,
        "started": spam.started_token(article.pk),
        "robots": "noindex",
    }
    return render(request, "comments/new.html", context)


@require_safe
def comment_sent(request, article_id):
    """The same for every reader, so it may be cached: it says only what happens next."""
    context = {"article": commentable_article(article_id), "robots": "noindex"}
    return render(request, "comments/sent.html", context)
