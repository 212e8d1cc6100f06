#include "pdfreportfile.h"

#include "export/pdfreport.h"

#include <QApplication>
#include <QDir>
#include <QFile>

#include <unistd.h>

#include <memory>

namespace bulkhead::cli {

Status writeHeadlessPdfReport(const std::string &path, const ReportData &report,
                              const ThreatModel &model, const Catalog &catalog,
                              const SaveOptions &options)
{
    std::unique_ptr<QApplication> application;
    if (!QApplication::instance()) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        // CI runners often have no session; give Qt the private runtime folder it would
        // otherwise make itself, without its warning on stderr.
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
            const QString runtime = QDir::tempPath()
                                    + QStringLiteral("/runtime-bulkhead-%1").arg(getuid());
            if (QDir().mkpath(runtime)
                && QFile::setPermissions(runtime,
                                         QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
                qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
        }
        static int argc = 1;
        static char name[] = "bulkhead-cli";
        static char *argv[] = {name, nullptr};
        application = std::make_unique<QApplication>(argc, argv);
    }
    return writePdfReportFile(path, report, model, catalog, options);
}

} // namespace bulkhead::cli
