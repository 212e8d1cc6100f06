#include "canvas/diagramscene.h"
#include "canvas/diagramview.h"
#include "catalog/catalog.h"
#include "comparison/editorcomparison.h"
#include "core/version.h"
#include "document.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <QDockWidget>

#include <algorithm>
#include <cstdio>

namespace {

/** Selects the item and raises the panel a screenshot asks for; false, with a message, if absent. */
bool showForScreenshot(bulkhead::MainWindow &window, const bulkhead::Document &document,
                       const QString &id, const QString &panel)
{
    if (!id.isEmpty()) {
        if (document.typeOf(id) == bulkhead::ItemType::None) {
            std::fprintf(stderr, "bulkhead: --select: no item with the id %s\n", qPrintable(id));
            return false;
        }
        window.scene()->selectIds({id});
    }
    if (!panel.isEmpty()) {
        const QList<QDockWidget *> docks = window.findChildren<QDockWidget *>();
        const auto it = std::find_if(docks.begin(), docks.end(), [&panel](QDockWidget *dock) {
            return dock->windowTitle().compare(panel, Qt::CaseInsensitive) == 0;
        });
        if (it == docks.end()) {
            std::fprintf(stderr, "bulkhead: --tab: no panel titled %s\n", qPrintable(panel));
            return false;
        }
        (*it)->raise();
    }
    return true;
}

} // namespace

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
    const QCommandLineOption select(
        QStringLiteral("select"),
        QStringLiteral("With --screenshot: select the item with this id (its properties show)."),
        QStringLiteral("ID"));
    parser.addOption(select);
    const QCommandLineOption tab(
        QStringLiteral("tab"),
        QStringLiteral("With --screenshot: bring the panel with this title to the front, e.g. "
                       "\"Defense in depth\"."),
        QStringLiteral("NAME"));
    parser.addOption(tab);
    const QCommandLineOption compare(
        QStringLiteral("compare"),
        QStringLiteral(
            "Compare MODEL with the older model file OLD, as File → Compare with… does."),
        QStringLiteral("OLD"));
    parser.addOption(compare);
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
        if (QString error;
            parser.isSet(compare) && !window.comparison()->start(parser.value(compare), &error)) {
            std::fprintf(stderr, "bulkhead: --compare: %s\n", qPrintable(error));
            return 2;
        }
        QApplication::processEvents();
        if (!showForScreenshot(window, document, parser.value(select), parser.value(tab)))
            return 2;
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
    const QString older = parser.value(compare);
    QTimer::singleShot(0, &window, [&window, files, older] {
        if (window.offerRecovery())
            return;
        if (!files.isEmpty() && window.openFile(files.first()) && !older.isEmpty())
            window.comparison()->compareWith(older);
    });
    return QApplication::exec();
}
