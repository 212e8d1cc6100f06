#include "deploymentimport.h"

#include "import/composeimporter.h"
#include "import/kubernetesimporter.h"
#include "import/reimport.h"

#include <QFileInfo>
#include <QObject>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <algorithm>
#include <map>

namespace bulkhead {

namespace {

std::map<std::string, std::string> processEnvironment()
{
    std::map<std::string, std::string> environment;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const QString &name : system.keys())
        environment.emplace(name.toStdString(), system.value(name).toStdString());
    return environment;
}

} // namespace

QStringList composeMergeOrder(QStringList files)
{
    auto isOverride = [](const QString &path) {
        return QFileInfo(path).fileName().contains(QLatin1String("override"));
    };
    std::stable_sort(files.begin(), files.end(), [&](const QString &a, const QString &b) {
        return !isOverride(a) && isOverride(b);
    });
    return files;
}

Result<ImportResult> importDeploymentFiles(DeploymentSource source, const QStringList &paths,
                                           const Catalog &catalog, LayoutEngine &layoutEngine)
{
    std::vector<std::string> files;
    for (const QString &path : paths)
        files.push_back(path.toStdString());
    Result<ImportResult> imported = source == DeploymentSource::Compose
                                        ? importCompose(files, processEnvironment(),
                                                        ComposeImportOptions{{}, &catalog})
                                        : importKubernetes(files, catalog);
    if (imported) {
        finishImport(*imported, catalog, layoutEngine);
        // Absolute: the model has no file yet to be relative to.
        recordImportedFiles(imported->model.importRecord(), files, {});
    }
    return imported;
}

QString importSummary(const ThreatModel &model, const QStringList &paths)
{
    const QString names = QStringList(paths)
                              .replaceInStrings(QRegularExpression(QStringLiteral("^.*/")),
                                                QString())
                              .join(QStringLiteral(", "));
    return QObject::tr("Imported %1 elements, %2 boundaries and %3 flows from %4 (merged in that "
                       "order). The model is not saved yet.")
        .arg(model.elements().size())
        .arg(model.boundaries().size())
        .arg(model.flows().size())
        .arg(names);
}

} // namespace bulkhead
