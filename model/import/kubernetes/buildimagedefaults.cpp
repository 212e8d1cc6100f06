#include "import/kubernetes/importer.h"
#include "import/wellknownimages.h"

namespace bulkhead::kubernetes {

void KubernetesImporter::applyImageDefaults(const Container &container, const Origin &origin,
                                            const ImageRole &role, const std::string &kind,
                                            PropertyMap &properties)
{
    const ServiceConfiguration configuration = configurationOf(container, nullptr);
    Origin at = origin;
    if (container.line > 0)
        at.line = container.line;
    const std::string label = "container " + container.name + ": ";
    const auto facts = imageDefaultFacts(*role.image, configuration, container.image);
    for (const std::string &line : applyImageFacts(facts, *m_catalog, kind, properties))
        mapped(at, label + line);
}

} // namespace bulkhead::kubernetes
