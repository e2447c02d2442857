"""Read-mostly admin: changes to filings go through the actions, not the admin."""

from django.contrib import admin

from .models import Filing, FindingDecision, ImportJob, ReviewComment, Revision


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Filing)
class FilingAdmin(ReadOnlyAdmin):
    list_display = ["name", "year", "organisation", "status", "grade", "version", "updated_at"]
    list_filter = ["status", "year", "grade"]
    search_fields = ["name", "code"]
    list_select_related = ["organisation"]


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ["filing", "version", "action", "user", "at"]
    list_filter = ["action"]


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin):
    list_display = ["filing", "indicator_index", "author", "created_at"]


@admin.register(FindingDecision)
class FindingDecisionAdmin(ReadOnlyAdmin):
    list_display = ["filing", "rule", "indicator_index", "decision", "decided_by"]


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ["id", "user", "status", "done", "total", "created_at"]
