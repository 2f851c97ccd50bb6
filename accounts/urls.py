from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"

# The pages of /accounts/ that reach above accounts (invitations, data export) live in the
# portal and the workspace; config.urls adds them to this namespace.

urlpatterns = [
    path("login/", views.PortalLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PortalPasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PortalPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("language/", views.language_view, name="language"),
    path("account/", views.account_view, name="account"),
    path("account/password/", views.PortalPasswordChangeView.as_view(), name="password_change"),
    path("account/two-factor/", views.two_factor_view, name="two_factor"),
    path("account/two-factor/qr.svg", views.two_factor_qr_view, name="two_factor_qr"),
    path("account/two-factor/off/", views.two_factor_disable_view, name="two_factor_disable"),
    path("two-factor/", views.two_factor_verify_view, name="two_factor_verify"),
]
