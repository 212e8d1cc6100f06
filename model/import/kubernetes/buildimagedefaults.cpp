#include "import/kubernetes/importer.h"
#include "import/wellknownimages.h"

namespace bulkhead::kubernetes {

void KubernetesImporter::applyImageDefaults(const Container &container, const Origin &origin,
                                            const ImageRole &role, const std::string &kind,
                                            PropertyMap &properties)
{
    ServiceConfiguration configuration;
    configuration.image = container.image;
    // A value from a Secret, a ConfigMap or envFrom may turn a default off: the judgement then
    // says "check it" instead of deciding.
    for (const EnvEntry &entry : container.environment) {
        if (entry.value && entry.secret.empty() && entry.configMap.empty() && !entry.wholeObject)
            configuration.environment.push_back(entry);
        else
            configuration.environmentComplete = false;
        if (!entry.wholeObject
            && (!entry.value || !entry.secret.empty() || !entry.configMap.empty()))
            configuration.namesWithoutValue.insert(entry.name);
    }
    configuration.arguments = container.arguments;
    configuration.programReplaced = container.entrypointReplaced;
    Origin at = origin;
    if (container.line > 0)
        at.line = container.line;
    const std::string label = "container " + container.name + ": ";
    const auto facts = imageDefaultFacts(*role.image, configuration, container.image);
    for (const std::string &line : applyImageFacts(facts, *m_catalog, kind, properties))
        mapped(at, label + line);
}

} // namespace bulkhead::kubernetes
