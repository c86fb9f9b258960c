"""The core's models. Plugins reach them through :mod:`pnyx.api`."""

# Attachments live in their own package; imported here so the metadata holds their tables.
from pnyx.attachments.models import Attachment, AttachmentCollection
from pnyx.models.admin_export import AdminExport
from pnyx.models.authorization import (
    Authorization,
    AuthorizationConflict,
    CensusEntry,
    VerificationSetting,
)
from pnyx.models.base import Model, utcnow
from pnyx.models.component import Component
from pnyx.models.data_export import DataExport
from pnyx.models.form_submission import FormSubmission
from pnyx.models.home_block import HomePageBlock
from pnyx.models.import_key import ImportKey
from pnyx.models.links import ActionLog, ResourceLink
from pnyx.models.mail import OutgoingMail
from pnyx.models.open_data import OpenDataSettings
from pnyx.models.organization import Organization, SeedRecord
from pnyx.models.space import Space, Step, space_themes
from pnyx.models.space_group import SpaceGroup
from pnyx.models.stat_counter import StatCounter, StatSnapshot
from pnyx.models.taxonomy import TaxonomyTerm
from pnyx.models.user import (
    OrganizationRole,
    SpaceRole,
    User,
    UserOrganizationRole,
    UserSession,
    UserSpaceRole,
)
from pnyx.models.user_group import BELONGING, GroupRole, UserGroup, UserGroupMembership
from pnyx.notifications.models import (
    Follow,
    Newsletter,
    Notification,
    NotificationPreference,
    PublicProfile,
)

__all__ = [
    "BELONGING",
    "ActionLog",
    "AdminExport",
    "Attachment",
    "AttachmentCollection",
    "Authorization",
    "AuthorizationConflict",
    "CensusEntry",
    "Component",
    "DataExport",
    "Follow",
    "FormSubmission",
    "GroupRole",
    "HomePageBlock",
    "ImportKey",
    "Model",
    "Newsletter",
    "Notification",
    "NotificationPreference",
    "OpenDataSettings",
    "Organization",
    "OrganizationRole",
    "OutgoingMail",
    "PublicProfile",
    "ResourceLink",
    "SeedRecord",
    "Space",
    "SpaceGroup",
    "SpaceRole",
    "StatCounter",
    "StatSnapshot",
    "Step",
    "TaxonomyTerm",
    "User",
    "UserGroup",
    "UserGroupMembership",
    "UserOrganizationRole",
    "UserSession",
    "UserSpaceRole",
    "VerificationSetting",
    "space_themes",
    "utcnow",
]
