// What the values of a container's variables show about its credentials: literal values, and
// Secret and ConfigMap data from the manifests, compared in memory only.

#include "import/kubernetes/importer.h"

#include "import/credentialfacts.h"

namespace bulkhead::kubernetes {

namespace {

/** The text of a Secret's value, or of a ConfigMap's (which also keeps its line). */
const std::string &valueText(const std::string &value)
{
    return value;
}

const std::string &valueText(const std::pair<std::string, int> &value)
{
    return value.first;
}

/** The values of a Secret or ConfigMap in the manifests by key, or nothing when none is there. */
template<typename Objects>
std::optional<std::map<std::string, std::string>>
objectValues(const Objects &objects, const std::string &ns, const std::string &name)
{
    const auto it = objects.find({ns, name});
    if (it == objects.end())
        return std::nullopt;
    std::map<std::string, std::string> texts;
    for (const auto &[key, value] : it->second.values)
        texts.emplace(key, valueText(value));
    return texts;
}

} // namespace

bool KubernetesImporter::addContainerCredentials(const Workload &workload,
                                                 const Container &container,
                                                 const std::string &name, PropertyMap &properties)
{
    std::vector<EnvironmentVariable> variables;
    std::vector<int> lines;
    auto add = [&](std::string variable, std::optional<std::string> value, int line) {
        variables.push_back({std::move(variable), std::move(value), true});
        lines.push_back(line);
    };
    for (const EnvEntry &entry : container.environment) {
        const std::optional<std::map<std::string, std::string>> values =
            !entry.secret.empty()      ? objectValues(m_secrets, workload.ns, entry.secret)
            : !entry.configMap.empty() ? objectValues(m_configMaps, workload.ns, entry.configMap)
                                       : std::nullopt;
        if (entry.wholeObject) {
            if (values)
                for (const auto &[key, value] : *values)
                    add(entry.name + key, value, entry.line);
            continue;
        }
        std::optional<std::string> value = entry.value;
        if (values)
            if (const auto it = values->find(entry.key); it != values->end())
                value = it->second;
        add(entry.name, std::move(value), entry.line);
    }
    const CredentialFacts facts = assessCredentials(variables);
    auto originOf = [&](std::size_t variable) {
        return Origin{workload.origin.file, lines[variable], workload.origin.label};
    };
    bool urlInManifests = false;
    for (const CredentialFacts::Literal &literal : facts.literals) {
        // A secret-named variable with a literal value is flagged where it is read.
        if (!literal.inUrl)
            continue;
        urlInManifests = true;
        flagged(originOf(literal.variable),
                name + ": the URL in env " + variables[literal.variable].name
                    + " carries a password written in the manifest (value not imported)");
    }
    for (const CredentialFacts::Finding &finding : facts.findings)
        flagged(originOf(finding.variable), name + ": env " + finding.text);
    facts.applyTo(properties);
    return urlInManifests;
}

} // namespace bulkhead::kubernetes
