import factory

from bosetting.accounts.models import User, UserRole
from bosetting.organisations.models import Organisation
from bosetting.organisations.tests.factories import OrganisationFactory

PASSWORD = "et-langt-testpassord-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.no")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Testesen{n}")
    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.IMDI, name="IMDi")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        self.save()
        for role in extracted or []:
            UserRole.objects.create(user=self, role=role)
