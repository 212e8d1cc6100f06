#include "kubernetesimporter.h"

#include "import/kubernetes/importer.h"

namespace bulkhead {

Result<ImportResult> importKubernetes(const std::vector<std::string> &paths, const Catalog &catalog)
{
    kubernetes::KubernetesImporter importer(catalog);
    return refuseOverBudget(importer.run(paths), paths.empty() ? std::string() : paths.front());
}

} // namespace bulkhead
