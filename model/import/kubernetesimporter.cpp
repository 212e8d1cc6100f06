#include "kubernetesimporter.h"

#include "import/importidentity.h"
#include "import/kubernetes/importer.h"

namespace bulkhead {

Result<ImportResult> importKubernetes(const std::vector<std::string> &paths, const Catalog &catalog)
{
    kubernetes::KubernetesImporter importer(catalog);
    Result<ImportResult> imported = importer.run(paths);
    if (imported)
        recordImportIdentities(imported->model, "k8s");
    return refuseOverBudget(std::move(imported), paths.empty() ? std::string() : paths.front());
}

} // namespace bulkhead
