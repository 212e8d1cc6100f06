#include "import/compose/composecredentials.h"

#include "import/compose/composeinput.h"
#include "import/compose/composeservice.h"
#include "import/credentialfacts.h"

namespace bulkhead {

void recordCredentialFacts(ComposeInput &input, ComposeService &service)
{
    // The variables without where they were set; indexes stay those of service.environment.
    const std::vector<EnvironmentVariable> variables(service.environment.begin(),
                                                     service.environment.end());
    const CredentialFacts facts = assessCredentials(variables);
    for (const CredentialFacts::Literal &literal : facts.literals) {
        const std::string &name = service.environment[literal.variable].name;
        input.flag(*service.environment[literal.variable].at,
                   "service " + service.name + ": "
                       + (literal.inUrl ? "the URL in " + name + " carries a password"
                                        : "variable " + name + " holds a credential")
                       + " written in the project's files (value not imported): credsInConfig yes");
    }
    if (!facts.literals.empty())
        service.properties["credsInConfig"] = std::string("yes");
    for (const CredentialFacts::Finding &finding : facts.findings)
        input.flag(*service.environment[finding.variable].at,
                   "service " + service.name + ": " + finding.text);
    facts.applyTo(service.properties);
}

} // namespace bulkhead
