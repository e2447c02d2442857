from django.contrib import admin

from .models import Membership, Organisation, Token


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]


@admin.register(Token)
class TokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    search_fields = ["user__username", "name"]

    def save_model(self, request, obj, form, change):
        """Issue a new key on creation and show it once in the admin message."""
        if change:
            return super().save_model(request, obj, form, change)
        token, key = Token.issue(obj.user, obj.name)
        obj.pk = token.pk
        self.message_user(request, f"新令牌（只显示这一次，请妥善保存）：{key}")
        return None
