#include "comparisondock.h"

#include "changemarks.h"
#include "comparisoncontroller.h"
#include "core/displaytext.h"
#include "core/propertyvalue.h"
#include "diff/diffreport.h"

#include <QFont>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(displayText(text));
}

ChangeMark markOf(DiffChangeKind kind)
{
    switch (kind) {
    case DiffChangeKind::Added:
        return ChangeMark::Added;
    case DiffChangeKind::Removed:
        return ChangeMark::Removed;
    case DiffChangeKind::Changed:
        break;
    }
    return ChangeMark::Changed;
}

ChangeMark markOf(ThreatChangeKind kind)
{
    switch (kind) {
    case ThreatChangeKind::New:
        return ChangeMark::Added;
    case ThreatChangeKind::Absent:
        return ChangeMark::Removed;
    case ThreatChangeKind::Updated:
    case ThreatChangeKind::Unchanged:
        break;
    }
    return ChangeMark::Changed;
}

QString typeName(DiffItemType type)
{
    switch (type) {
    case DiffItemType::Boundary:
        return ComparisonDock::tr("Boundary");
    case DiffItemType::Element:
        return ComparisonDock::tr("Element");
    case DiffItemType::Flow:
        return ComparisonDock::tr("Flow");
    case DiffItemType::ManualThreat:
        return ComparisonDock::tr("Manual threat");
    }
    return {};
}

QString propertyText(const std::optional<PropertyValue> &value)
{
    return value ? qs(propertyValueToDisplayString(*value)) : ComparisonDock::tr("(unset)");
}

QString quoted(const QString &text)
{
    return QStringLiteral("\u201c%1\u201d").arg(text);
}

/** An entry marked like the canvas: the symbol leads, the colour follows it. */
QTreeWidgetItem *markedEntry(QTreeWidgetItem *parent, ChangeMark mark, const QString &text,
                             const QString &toolTip)
{
    auto *entry = new QTreeWidgetItem(parent);
    entry->setText(0, changeMarkSymbol(mark) + QLatin1Char(' ') + text);
    entry->setForeground(0, changeMarkColor(mark));
    entry->setToolTip(0, toolTip);
    return entry;
}

void addFieldLines(QTreeWidgetItem *entry, const std::vector<FieldChange> &fields)
{
    for (const FieldChange &field : fields) {
        auto *line = new QTreeWidgetItem(entry);
        line->setText(0,
                      QStringLiteral("%1: %2 \u2192 %3")
                          .arg(qs(field.field), quoted(qs(field.before)), quoted(qs(field.after))));
    }
}

/** Not a member: the diff's ItemChange must not appear in the header (comparisondock.h), which document.h's users include. */
void addItemChange(const ItemChange &change, QTreeWidgetItem *section, const QString &other)
{
    QString toolTip;
    switch (change.kind) {
    case DiffChangeKind::Added:
        toolTip = ComparisonDock::tr("Added since %1").arg(other);
        break;
    case DiffChangeKind::Removed:
        toolTip = ComparisonDock::tr("Removed since %1").arg(other);
        break;
    case DiffChangeKind::Changed:
        toolTip = ComparisonDock::tr("Changed since %1").arg(other);
        break;
    }
    QTreeWidgetItem *entry = markedEntry(
        section, markOf(change.kind),
        QStringLiteral("%1 %2").arg(typeName(change.type), quoted(qs(change.name))), toolTip);
    if (change.type != DiffItemType::ManualThreat) {
        entry->setData(0, ComparisonDock::IdRole, QString::fromStdString(change.id));
        entry->setData(0, ComparisonDock::RemovedRole, change.kind == DiffChangeKind::Removed);
    }
    if (change.kind != DiffChangeKind::Changed)
        return;
    addFieldLines(entry, change.fields);
    for (const PropertyChange &property : change.properties) {
        auto *line = new QTreeWidgetItem(entry);
        line->setText(0, QStringLiteral("%1: %2 \u2192 %3")
                             .arg(qs(property.name), propertyText(property.before),
                                  propertyText(property.after)));
    }
    entry->setExpanded(true);
}

} // namespace

ComparisonDock::ComparisonDock(ComparisonController *comparison, QWidget *parent)
    : QWidget(parent)
    , m_comparison(comparison)
    , m_summary(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_end(new QPushButton(tr("End Comparison"), this))
{
    setObjectName(QStringLiteral("comparisonPanel"));
    m_summary->setObjectName(QStringLiteral("comparisonSummary"));
    m_summary->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("comparisonList"));
    m_list->setHeaderHidden(true);
    m_list->setWordWrap(true);
    m_end->setObjectName(QStringLiteral("endComparisonButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_end, 0, Qt::AlignRight);
    connect(m_end, &QPushButton::clicked, this, &ComparisonDock::endRequested);
    connect(m_list, &QTreeWidget::itemClicked, this, &ComparisonDock::onEntryActivated);
    connect(m_list, &QTreeWidget::itemActivated, this, &ComparisonDock::onEntryActivated);
    connect(comparison, &ComparisonController::updated, this, &ComparisonDock::refresh);
    connect(comparison, &ComparisonController::ended, m_list, &QTreeWidget::clear);
    refresh();
}

void ComparisonDock::onEntryActivated(QTreeWidgetItem *entry)
{
    const QString id = entry->data(0, IdRole).toString();
    if (id.isEmpty())
        return;
    if (entry->data(0, SubjectRole).toBool())
        Q_EMIT threatSubjectActivated(id);
    else
        Q_EMIT itemActivated(id, entry->data(0, RemovedRole).toBool());
}

QTreeWidgetItem *ComparisonDock::addSection(const QString &title, int count)
{
    auto *section = new QTreeWidgetItem(m_list);
    section->setText(0, QStringLiteral("%1 (%2)").arg(title).arg(count));
    QFont bold = section->font(0);
    bold.setBold(true);
    section->setFont(0, bold);
    section->setExpanded(true);
    return section;
}

void ComparisonDock::refresh()
{
    m_list->clear();
    if (!m_comparison->isActive()) {
        m_summary->clear();
        return;
    }
    const DiffReport &report = m_comparison->report();
    const QString other = m_comparison->otherName();
    if (m_comparison->hasNoDifferences()) {
        m_summary->setText(tr("No differences from %1.").arg(other));
        new QTreeWidgetItem(m_list, {tr("No differences")});
        return;
    }
    const ModelDiff &diff = report.model;
    m_summary->setText(
        tr("Since %1: %2 added, %3 removed, %4 changed; threats %5 new, %6 resolved, %7 updated.")
            .arg(other)
            .arg(diff.countItems(DiffChangeKind::Added))
            .arg(diff.countItems(DiffChangeKind::Removed))
            .arg(diff.countItems(DiffChangeKind::Changed))
            .arg(report.countThreats(ThreatChangeKind::New))
            .arg(report.countThreats(ThreatChangeKind::Absent))
            .arg(report.countThreats(ThreatChangeKind::Updated)));
    if (!diff.items.empty()) {
        QTreeWidgetItem *section = addSection(tr("Items"), int(diff.items.size()));
        for (const ItemChange &change : diff.items)
            addItemChange(change, section, m_comparison->otherName());
    }
    addRegisterAndMetadata();
    addThreatChanges();
}

void ComparisonDock::addRegisterAndMetadata()
{
    const ModelDiff &diff = m_comparison->report().model;
    if (!diff.registerChanges.empty()) {
        QTreeWidgetItem *section = addSection(tr("Register"), int(diff.registerChanges.size()));
        for (const RegisterChange &change : diff.registerChanges) {
            QTreeWidgetItem *entry = markedEntry(section, markOf(change.kind),
                                                 tr("Decision on %1").arg(qs(change.threatId)),
                                                 QString());
            addFieldLines(entry, change.fields);
            entry->setExpanded(true);
        }
    }
    if (!diff.metadata.empty()) {
        QTreeWidgetItem *section = addSection(tr("Model properties"), int(diff.metadata.size()));
        addFieldLines(section, diff.metadata);
    }
}

void ComparisonDock::addThreatChanges()
{
    const DiffReport &report = m_comparison->report();
    const std::size_t count = report.countThreats(ThreatChangeKind::New)
                              + report.countThreats(ThreatChangeKind::Absent)
                              + report.countThreats(ThreatChangeKind::Updated);
    if (count == 0)
        return;
    QTreeWidgetItem *section = addSection(tr("Threats"), int(count));
    for (const ThreatChange &change : report.threats) {
        if (change.kind == ThreatChangeKind::Unchanged)
            continue;
        const ThreatSnapshot &threat = change.current();
        // The subject first: the same threat title is raised on many elements.
        const QString subject = m_comparison->subjectName(threat.subjectId);
        QString text;
        if (change.kind == ThreatChangeKind::New)
            text =
                tr("New on %1: %2 (%3)").arg(subject, qs(threat.title), qs(threatRiskText(threat)));
        else if (change.kind == ThreatChangeKind::Absent)
            text = tr("Resolved on %1: %2 (was %3)")
                       .arg(subject, qs(threat.title), qs(threatRiskText(threat)));
        else
            text = tr("Updated on %1: %2 (%3)")
                       .arg(subject, qs(threat.title), qs(threatRiskChangeText(change)));
        QTreeWidgetItem *entry = markedEntry(section, markOf(change.kind), text, qs(change.id()));
        entry->setData(0, IdRole, QString::fromStdString(threat.subjectId));
        entry->setData(0, SubjectRole, true);
    }
}

} // namespace bulkhead
