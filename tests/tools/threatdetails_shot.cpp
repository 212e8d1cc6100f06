// Renders the threat details panel to a PNG, to look at its layout by eye (not a test):
//   QT_QPA_PLATFORM=offscreen build/ci/tests/threatdetails_shot OUT.png
// The panel shows RUN-01 on a privileged container with a gVisor runtime, accepted in the
// register, so the residual risk, the mitigations and the decision form are all filled in.

#include "analysiscontroller.h"
#include "catalog/catalog.h"
#include "document.h"
#include "panels/threatdetails.h"
#include "uifixtures.h"

#include <QApplication>
#include <QComboBox>
#include <QUndoStack>

#include <cstdio>

using namespace bulkhead;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: threatdetails_shot OUT.png\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);

    Document document(builtInCatalog());
    test::addPrivilegedContainerOnHost(document, "web");
    document.setProperty(QStringLiteral("web"), "runtimeClass",
                         PropertyValue(std::string("gvisor")));
    document.undoStack()->clear();

    AnalysisController analysis(&document);
    analysis.setDelay(0);
    analysis.analyzeNow();
    ThreatDetails details(&analysis);
    details.resize(380, 1100);
    details.show();
    details.showThreat(QStringLiteral("RUN-01@web"));

    // Accept the threat the way a user does: pick the status in the form.
    QComboBox *status = details.statusCombo();
    const int accepted = status->findData(int(ThreatStatus::Accepted));
    if (accepted < 0) {
        std::fprintf(stderr, "threatdetails_shot: the status list has no Accepted\n");
        return 1;
    }
    status->setCurrentIndex(accepted);
    Q_EMIT status->activated(accepted);
    QApplication::processEvents();

    if (!details.grab().save(out)) {
        std::fprintf(stderr, "threatdetails_shot: %s: cannot write the picture\n", qPrintable(out));
        return 1;
    }
    return 0;
}
