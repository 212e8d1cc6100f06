#include "import/compose/composecredentials.h"

#include "import/compose/composeinput.h"
#include "import/compose/composeservice.h"
#include "import/credentialfacts.h"
#include "import/credentialowners.h"
#include "import/importmodelbuilder.h"

#include <map>
#include <set>

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
    service.credentials = facts;
}

void attributeClientCredentials(ComposeInput &input, ImportModelBuilder &builder,
                                const std::vector<ComposeService> &services)
{
    std::map<std::string, std::size_t> byId;
    std::vector<CredentialFacts> facts;
    for (std::size_t i = 0; i < services.size(); ++i) {
        byId.emplace(services[i].id, i);
        facts.push_back(services[i].credentials);
    }
    std::set<std::pair<std::size_t, std::size_t>> calls;
    for (const Flow &flow : builder.model().flows()) {
        const auto source = byId.find(flow.source);
        const auto target = byId.find(flow.target);
        if (source != byId.end() && target != byId.end())
            calls.emplace(source->second, target->second);
    }
    const auto clientHeld = clientHeldCredentials(facts, calls);
    for (std::size_t i = 0; i < services.size(); ++i) {
        const ComposeService &service = services[i];
        for (const ClientHeldCredential &held : clientHeld[i]) {
            const EnvironmentSetting &variable =
                service.environment[facts[i].weakCredentials[held.weak].variable];
            input.mapped(*variable.at, "service " + service.name + ": " + variable.name
                                           + " holds the same password as service "
                                           + services[held.owner].name
                                           + ", which it calls (value not shown): the weak "
                                             "credential is reported on "
                                           + services[held.owner].name + ", its owner");
        }
        Element *element = builder.model().findElement(service.id);
        if (element && clearClientHeldWeakness(facts[i], clientHeld[i], element->properties))
            input.mapped(*service.node,
                         "service " + service.name
                             + ": every weak credential it holds is another service's: "
                               "weakCredentials "
                             + (facts[i].allValuesKnown ? "no" : "left unknown"));
    }
}

} // namespace bulkhead
