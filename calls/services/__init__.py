"""Writes of the calls app, one module per stage: the call's configuration (setup), applying
(applications), review (assignment and reviews) and selection (decisions, interviews,
enrolment), and the webhook events applying and selection announce (events). Import from the
module that names the stage."""
