#include "comparisoncontroller.h"

#include "analysis/analysis.h"
#include "analysis/threatcomparison.h"
#include "analysiscontroller.h"
#include "core/displaytext.h"
#include "core/itemref.h"
#include "core/modellimits.h"
#include "diff/diffreport.h"
#include "ghostitem.h"
#include "io/modelreader.h"

#include <QFileInfo>
#include <QStringList>
#include <QTimer>

namespace bulkhead {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(displayText(text));
}

QRectF toQRect(const Rect &rect)
{
    return {rect.x, rect.y, rect.width, rect.height};
}

std::optional<MarkedItem> markedItem(DiffItemType type)
{
    switch (type) {
    case DiffItemType::Boundary:
        return MarkedItem::Boundary;
    case DiffItemType::Element:
        return MarkedItem::Element;
    case DiffItemType::Flow:
        return MarkedItem::Flow;
    case DiffItemType::ManualThreat:
        break;
    }
    return std::nullopt;
}

QString toolTipFor(const ItemChange &change, const QString &other)
{
    switch (change.kind) {
    case DiffChangeKind::Added:
        return ComparisonController::tr("Added since %1").arg(other);
    case DiffChangeKind::Removed:
        return ComparisonController::tr("Removed since %1 (drawn where it was there)").arg(other);
    case DiffChangeKind::Changed:
        break;
    }
    QStringList what;
    for (const FieldChange &field : change.fields)
        what << qs(field.field);
    for (const PropertyChange &property : change.properties)
        what << qs(property.name);
    return ComparisonController::tr("Changed since %1: %2")
        .arg(other, what.join(QStringLiteral(", ")));
}

/** Where the other model drew a removed item; false when it cannot be drawn there. */
bool placeGhost(const ThreatModel &other, const ItemChange &change, CanvasMark &mark)
{
    if (change.type == DiffItemType::Element) {
        const Element *element = other.findElement(change.id);
        if (element)
            mark.ghostArea = toQRect(element->geometry);
        return element != nullptr;
    }
    if (change.type == DiffItemType::Boundary) {
        const Boundary *boundary = other.findBoundary(change.id);
        if (boundary)
            mark.ghostArea = toQRect(boundary->geometry);
        return boundary != nullptr;
    }
    const Flow *flow = other.findFlow(change.id);
    const Element *source = flow ? other.findElement(flow->source) : nullptr;
    const Element *target = flow ? other.findElement(flow->target) : nullptr;
    if (!source || !target)
        return false;
    mark.ghostLine = lineBetweenBorders(toQRect(source->geometry), toQRect(target->geometry));
    return true;
}

} // namespace

ComparisonController::ComparisonController(Current current, AnalysisController *analysis,
                                           QObject *parent)
    : QObject(parent)
    , m_current(std::move(current))
    , m_analysis(analysis)
    , m_report(std::make_unique<DiffReport>())
{}

ComparisonController::~ComparisonController() = default;

bool ComparisonController::start(const QString &path, QString *errorMessage)
{
    auto loaded = readModelFile(path.toStdString());
    if (!loaded) {
        if (errorMessage)
            *errorMessage = QString::fromStdString(loaded.error());
        return false;
    }
    // Its removed items are drawn as ghosts: the canvas must be able to draw them.
    if (const std::string outside = firstOutOfRangeGeometry(loaded->model); !outside.empty()) {
        if (errorMessage) {
            *errorMessage = tr("%1: %2 lies outside the drawing area")
                                .arg(path, QString::fromStdString(outside));
        }
        return false;
    }
    m_other = std::move(loaded->model);
    m_otherName = QFileInfo(path).fileName();
    // The other model never changes, so its threats are worked out once, with the catalog
    // the document's own analysis uses.
    m_otherThreats = snapshotThreats(analyzeModel(*m_other, m_current.catalog()));
    refreshNow();
    return true;
}

void ComparisonController::end()
{
    if (!isActive())
        return;
    m_other.reset();
    m_otherName.clear();
    m_otherThreats.clear();
    *m_report = DiffReport{};
    m_marks.clear();
    Q_EMIT ended();
}

bool ComparisonController::hasNoDifferences() const
{
    return !m_report->hasChanges();
}

QString ComparisonController::subjectName(const std::string &subjectId) const
{
    for (const ThreatModel *model : {&m_current.model(), m_other ? &*m_other : nullptr}) {
        if (!model)
            continue;
        if (const ItemRef item = findItem(*model, subjectId)) {
            const std::string name = shownName(*model, item);
            return QString::fromStdString(name.empty() ? subjectId : name);
        }
    }
    return QString::fromStdString(subjectId);
}

void ComparisonController::queueRefresh()
{
    // One recomputation per burst of edits, as validation does.
    if (!isActive() || m_refreshQueued)
        return;
    m_refreshQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_refreshQueued = false;
        if (isActive())
            refreshNow();
    });
}

void ComparisonController::refreshNow()
{
    if (!isActive())
        return;
    // Bringing the analysis up to date announces it; that must not queue a second round.
    const bool wasQueued = m_refreshQueued;
    m_refreshQueued = true;
    m_analysis->ensureCurrent();
    m_refreshQueued = wasQueued;
    const ThreatModel &current = m_current.model();
    *m_report = DiffReport{m_otherName.toStdString(), "", diffModels(*m_other, current),
                           compareThreats(m_otherThreats, snapshotThreats(m_analysis->result())),
                           ""};
    updateMarks();
    Q_EMIT updated();
}

void ComparisonController::updateMarks()
{
    m_marks.clear();
    for (const ItemChange &change : m_report->model.items) {
        const std::optional<MarkedItem> item = markedItem(change.type);
        if (!item)
            continue;
        CanvasMark mark;
        mark.item = *item;
        mark.id = QString::fromStdString(change.id);
        mark.name = qs(change.name);
        mark.toolTip = toolTipFor(change, m_otherName);
        switch (change.kind) {
        case DiffChangeKind::Added:
            mark.mark = ChangeMark::Added;
            break;
        case DiffChangeKind::Changed:
            mark.mark = ChangeMark::Changed;
            break;
        case DiffChangeKind::Removed:
            mark.mark = ChangeMark::Removed;
            if (!placeGhost(*m_other, change, mark))
                continue;
            break;
        }
        m_marks << mark;
    }
}

} // namespace bulkhead
