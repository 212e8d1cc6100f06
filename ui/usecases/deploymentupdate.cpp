#include "deploymentupdate.h"

namespace bulkhead {

QStringList rememberedDeploymentFiles(const ThreatModel &model, const QString &modelFile)
{
    QStringList paths;
    for (const std::string &path : importedFilePaths(model.importRecord(), modelFile.toStdString()))
        paths.append(QString::fromStdString(path));
    return paths;
}

DeploymentSource rememberedDeploymentSource(const ThreatModel &model)
{
    return model.importRecord().importer == "k8s" ? DeploymentSource::Kubernetes
                                                  : DeploymentSource::Compose;
}

Result<ImportResult> importForUpdate(DeploymentSource source, const QStringList &paths,
                                     const QString &modelFile, const Catalog &catalog,
                                     LayoutEngine &layoutEngine)
{
    Result<ImportResult> imported = importDeploymentFiles(source, paths, catalog, layoutEngine);
    if (!imported)
        return imported;
    std::vector<std::string> files;
    for (const QString &path : paths)
        files.push_back(path.toStdString());
    recordImportedFiles(imported->model.importRecord(), files, modelFile.toStdString());
    return imported;
}

} // namespace bulkhead
