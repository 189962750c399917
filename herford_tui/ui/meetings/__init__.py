"""The meeting screen and its forms: agenda, attendance, minutes, invitation, series, tasks."""
