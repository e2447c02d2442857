"""Test settings: the real settings with a throwaway data dir and a fast password hasher."""

import os
import tempfile

os.environ.setdefault("JIXIAO_DATA_DIR", tempfile.mkdtemp(prefix="jixiao-test-"))
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")

from jixiao_web.settings import *  # noqa: F403

# Hashing with PBKDF2 would dominate the run time of tests that log in.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run inline in tests unless a test asks for the database backend.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
