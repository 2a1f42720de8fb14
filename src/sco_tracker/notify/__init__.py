"""Notifications: after each check, the news goes out by e-mail and webhook, once.

settings.py (in spec/notify_settings.py): the channels and subscriptions in commitments.yaml.
news.py:     what is new since the check runs already notified, as items (pure but for reading).
render.py:   the messages, from Jinja templates in a sandbox (overridable in templates_dir).
channels.py: sending by SMTP (smtplib) and by HTTP POST (urllib), with the credentials from the
             environment only.
log.py:      the delivery log in the database: claims, outcomes, retries.
deliver.py:  the whole job: plan, claim, send, record.
"""
