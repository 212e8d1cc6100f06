#include "import/kubernetes/importer.h"
#include "import/wellknownimages.h"

namespace bulkhead::kubernetes {

void KubernetesImporter::applyImageDefaults(const Container &container, const Origin &origin,
                                            const ImageRole &role, const std::string &kind,
                                            PropertyMap &properties)
{
    ServiceConfiguration configuration;
    configuration.image = container.image;
    configuration.environment = container.environment;
    configuration.environmentComplete = container.environmentComplete;
    configuration.arguments = container.arguments;
    Origin at = origin;
    if (container.line > 0)
        at.line = container.line;
    const std::string label = "container " + container.name + ": ";
    const auto facts = insecureDefaultFacts(*role.image, configuration, container.image);
    for (const std::string &line : applyImageFacts(facts, *m_catalog, kind, properties))
        mapped(at, label + line);
}

} // namespace bulkhead::kubernetes
