#include "canvas/diagramview.h"
#include "catalog/catalog.h"
#include "core/version.h"
#include "document.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Bulkhead"));
    QApplication::setOrganizationName(QStringLiteral("Bulkhead"));
    QApplication::setApplicationVersion(QString::fromUtf8(bulkhead::bulkheadVersion));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("STRIDE threat modeling for container deployments."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the main window with MODEL to a PNG file and exit."),
        QStringLiteral("OUT.png"));
    parser.addOption(screenshot);
    parser.addPositionalArgument(QStringLiteral("MODEL"),
                                 QStringLiteral("A threat model (*.bulkhead.json) to open."));
    parser.process(app);

    bulkhead::Document document(bulkhead::builtInCatalog());
    bulkhead::MainWindow window(&document);
    const QStringList files = parser.positionalArguments();

    if (parser.isSet(screenshot)) {
        if (!files.isEmpty()) {
            QString error;
            if (!document.load(files.first(), &error)) {
                std::fprintf(stderr, "bulkhead: %s\n", qPrintable(error));
                return 2;
            }
        }
        window.show();
        QApplication::processEvents();
        window.view()->fitToWindow();
        QApplication::processEvents();
        const QString out = parser.value(screenshot);
        if (!window.grab().save(out)) {
            std::fprintf(stderr, "bulkhead: %s: cannot write the screenshot\n", qPrintable(out));
            return 2;
        }
        return 0;
    }

    window.show();
    // After show(), so that dialogs have the window as their parent.
    QTimer::singleShot(0, &window, [&window, files] {
        if (window.offerRecovery())
            return;
        if (!files.isEmpty())
            window.openFile(files.first());
    });
    return QApplication::exec();
}
