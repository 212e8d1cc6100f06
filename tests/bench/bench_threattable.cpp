// How long a property change on a 500-element model takes to show in the threat table:
// from pushing the command to the table holding the new threat, with the application's own
// batching delay, analysis, table reset, filtering and sorting.
// Usage: bench_threattable [ELEMENTS]  (default 500). Run with QT_QPA_PLATFORM=offscreen.

#include "analysiscontroller.h"
#include "catalog/catalog.h"
#include "commands/changepropertycommand.h"
#include "document.h"
#include "io/modelwriter.h"
#include "panels/threatspanel.h"
#include "panels/threattablemodel.h"
#include "syntheticdeployment.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace bulkhead;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const std::size_t size = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 500;
    const QByteArray text = QByteArray::fromStdString(writeModelText(bench::makeSyntheticDeployment(size)));
    Document document(builtInCatalog());
    QString error;
    if (!document.loadText(text, QStringLiteral("synthetic"), QString(), false, &error))
        return 1;
    AnalysisController analysis(&document);
    ThreatsPanel panel(&analysis);
    panel.resize(1400, 400);
    panel.show();
    panel.table()->sortByColumn(ThreatTableModel::SeverityColumn, Qt::DescendingOrder);
    QApplication::processEvents();

    std::vector<QString> containers;
    for (const Element &e : document.model().elements()) {
        if (e.kind == "container" && !(e.properties.count("privileged") && std::get<bool>(e.properties.at("privileged"))))
            containers.push_back(QString::fromStdString(e.id));
    }
    std::vector<double> times;
    QElapsedTimer timer;
    for (int i = 0; i < 20 && i < int(containers.size()); ++i) {
        const QString id = containers[std::size_t(i)];
        const QString threat = QStringLiteral("RUN-01@") + id;
        timer.start();
        document.undoStack()->push(new ChangePropertyCommand(&document, {id}, "privileged", PropertyValue(true)));
        while (panel.model()->rowOf(threat) < 0 && timer.elapsed() < 5000)
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        // The table on screen: filtered, sorted and painted.
        panel.table()->viewport()->repaint();
        times.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    std::printf("%zu elements, %zu flows, %zu threats in the table | property change to table: median %.1f ms, "
                "worst %.1f ms (over %zu changes; includes the %d ms batching delay)\n",
                document.model().elements().size(), document.model().flows().size(),
                analysis.result().threats.size(), times[times.size() / 2], times.back(), times.size(),
                analysis.delay());
    return 0;
}
