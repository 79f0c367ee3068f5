"""The JSON API (django-ninja): one router per domain, with exactly the permissions of the UI."""
