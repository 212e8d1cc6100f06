#include "defenseindepthpanel.h"

#include "analysis/defenseindepth.h"
#include "analysiscontroller.h"
#include "catalog/catalog.h"
#include "commands/changepropertycommand.h"
#include "document.h"

#include <QAction>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSplitter>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace bulkhead {

namespace {

enum ItemRole { KindRole = Qt::UserRole, KeyRole };
enum ItemKind { LayerItem, MitigationItem, ThreatItem };

/** Rows listed under one mitigation; the rest are summarised in one line. */
constexpr int maximumThreatRows = 500;

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QString layerTitle(DefenseLayer layer)
{
    const std::string_view title = defenseLayerTitle(layer);
    return QString::fromUtf8(title.data(), qsizetype(title.size()));
}

QString layerKey(DefenseLayer layer)
{
    const std::string_view key = defenseLayerKey(layer);
    return QString::fromUtf8(key.data(), qsizetype(key.size()));
}

QString noPropertyReason()
{
    return DefenseInDepthPanel::tr("No property of the model expresses this control");
}

} // namespace

// ---- the bars ---------------------------------------------------------------------------

/** One horizontal bar per layer: implemented of recommended mitigations. */
class DefenseLayerBars : public QWidget
{
    Q_OBJECT

public:
    explicit DefenseLayerBars(QWidget *parent = nullptr)
        : QWidget(parent)
    {
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        setMouseTracking(true);
    }

    void setLayers(const QList<DefenseInDepthPanel::LayerSummary> &layers)
    {
        m_layers = layers;
        updateGeometry();
        update();
    }

    QSize sizeHint() const override
    {
        return {360, rowHeight() * int(std::size(allDefenseLayers)) + 2 * margin};
    }
    QSize minimumSizeHint() const override { return {200, sizeHint().height()}; }

Q_SIGNALS:
    void layerClicked(bulkhead::DefenseLayer layer);

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QPalette pal = palette();
        const QFontMetrics fm = fontMetrics();
        int titleWidth = 0;
        for (const auto &l : m_layers)
            titleWidth = std::max(titleWidth, fm.horizontalAdvance(l.title));
        const int countWidth = fm.horizontalAdvance(QStringLiteral("888 / 888"));
        const int barLeft = margin + titleWidth + 10;
        const int barRight = width() - margin - countWidth - 10;
        const QColor text = pal.color(QPalette::WindowText);
        const QColor track = blend(pal.color(QPalette::Base), text, 0.12);
        const QColor fill = pal.color(QPalette::Highlight);
        const QColor empty = blend(pal.color(QPalette::Window), text, 0.5);
        for (int i = 0; i < m_layers.size(); ++i) {
            const auto &l = m_layers.at(i);
            const QRect row(margin, margin + i * rowHeight(), width() - 2 * margin, rowHeight());
            p.setPen(l.recommended > 0 ? text : empty);
            p.drawText(QRect(row.left(), row.top(), titleWidth, row.height()),
                       Qt::AlignLeft | Qt::AlignVCenter, l.title);
            if (barRight > barLeft) {
                const int barHeight = std::max(6, rowHeight() - 10);
                const QRectF bar(barLeft, row.center().y() - barHeight / 2.0 + 0.5,
                                 barRight - barLeft, barHeight);
                p.setPen(Qt::NoPen);
                p.setBrush(track);
                p.drawRoundedRect(bar, 3, 3);
                if (l.recommended > 0 && l.implemented > 0) {
                    QRectF done = bar;
                    done.setWidth(bar.width() * l.implemented / l.recommended);
                    p.setBrush(fill);
                    p.drawRoundedRect(done, 3, 3);
                }
            }
            p.setPen(l.recommended > 0 ? text : empty);
            const QString count =
                l.recommended > 0 ? QStringLiteral("%1 / %2").arg(l.implemented).arg(l.recommended)
                                  : QStringLiteral("\u2013");
            p.drawText(QRect(width() - margin - countWidth, row.top(), countWidth, row.height()),
                       Qt::AlignRight | Qt::AlignVCenter, count);
        }
    }

    void mousePressEvent(QMouseEvent *event) override
    {
        const int i = (int(event->position().y()) - margin) / rowHeight();
        if (event->button() == Qt::LeftButton && i >= 0 && i < m_layers.size())
            Q_EMIT layerClicked(m_layers.at(i).layer);
        QWidget::mousePressEvent(event);
    }

    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(event);
            const int i = (help->pos().y() - margin) / rowHeight();
            if (i >= 0 && i < m_layers.size()) {
                const auto &l = m_layers.at(i);
                setToolTip(
                    l.recommended == 0
                        ? DefenseInDepthPanel::tr("%1: nothing recommended").arg(l.title)
                        : DefenseInDepthPanel::tr("%1: %2 of %3 recommended controls implemented, "
                                                  "%4 partial, %5 missing; coverage %6%")
                              .arg(l.title)
                              .arg(l.implemented)
                              .arg(l.recommended)
                              .arg(l.partial)
                              .arg(l.missing)
                              .arg(l.coveragePercent));
            } else {
                setToolTip(QString());
            }
        }
        return QWidget::event(event);
    }

private:
    static constexpr int margin = 6;
    int rowHeight() const { return fontMetrics().height() + 8; }

    QList<DefenseInDepthPanel::LayerSummary> m_layers;
};

// ---- the panel --------------------------------------------------------------------------

DefenseInDepthPanel::DefenseInDepthPanel(AnalysisController *analysis, QWidget *parent)
    : QWidget(parent)
    , m_analysis(analysis)
    , m_bars(new DefenseLayerBars(this))
    , m_tree(new QTreeWidget(this))
    , m_markButton(new QPushButton(this))
    , m_summary(new QLabel(this))
{
    m_summary->setWordWrap(true);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Layer / mitigation / threat"), tr("Implemented")});
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_markButton->setObjectName(QStringLiteral("markImplemented"));

    // The bars scroll when the dock is shorter than they are; followShape() puts them beside
    // or above the tree.
    auto *side = new QWidget;
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 4, 0);
    sideLayout->addWidget(m_summary);
    sideLayout->addWidget(m_bars);
    sideLayout->addStretch(1);
    auto *sideScroll = new QScrollArea(this);
    sideScroll->setObjectName(QStringLiteral("defenseSummary"));
    sideScroll->setWidget(side);
    sideScroll->setWidgetResizable(true);
    sideScroll->setFrameShape(QFrame::NoFrame);
    sideScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    sideScroll->setMinimumWidth(m_bars->minimumSizeHint().width());

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("defenseSplitter"));
    m_splitter->addWidget(sideScroll);
    // The button acts on the tree's current row, so it stays under the tree, in view, rather
    // than under bars that may need scrolling.
    auto *treeSide = new QWidget;
    auto *treeLayout = new QVBoxLayout(treeSide);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->addWidget(m_tree, 1);
    treeLayout->addWidget(m_markButton, 0, Qt::AlignRight);
    m_splitter->addWidget(treeSide);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    followShape();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_splitter);

    connect(m_analysis, &AnalysisController::analysisUpdated, this,
            &DefenseInDepthPanel::onAnalysisUpdated);
    connect(m_tree, &QTreeWidget::itemClicked, this, &DefenseInDepthPanel::onItemClicked);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this,
            &DefenseInDepthPanel::onItemDoubleClicked);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &DefenseInDepthPanel::updateMarkButton);
    connect(m_tree, &QWidget::customContextMenuRequested, this,
            &DefenseInDepthPanel::showContextMenu);
    connect(m_bars, &DefenseLayerBars::layerClicked, this, &DefenseInDepthPanel::selectLayer);
    connect(m_markButton, &QPushButton::clicked, this,
            [this] { markImplemented(currentMitigationId()); });

    recompute();
    rebuildTree();
}

DefenseInDepthPanel::~DefenseInDepthPanel() = default;

void DefenseInDepthPanel::onAnalysisUpdated()
{
    m_dirty = true;
    if (isVisible()) {
        recompute();
        rebuildTree();
    }
}

void DefenseInDepthPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty) {
        recompute();
        rebuildTree();
    }
}

void DefenseInDepthPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    followShape();
}

void DefenseInDepthPanel::followShape()
{
    // A bottom dock is wide and short: bars above the tree would leave it a few rows. A side
    // dock is tall and narrow: bars beside the tree would leave it too narrow to read a row.
    const Qt::Orientation wanted = width() >= height() ? Qt::Horizontal : Qt::Vertical;
    if (m_splitter->orientation() == wanted && m_shapeFollowed)
        return;
    m_shapeFollowed = true;
    m_splitter->setOrientation(wanted);
    const QSize side = m_splitter->widget(0)->sizeHint();
    const int sideLength = wanted == Qt::Horizontal ? m_bars->sizeHint().width() : side.height();
    m_splitter->setSizes({sideLength, 2 * sideLength});
}

void DefenseInDepthPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Muted rows take their colour from the palette when built.
    if (event->type() == QEvent::PaletteChange && !m_dirty)
        rebuildTree();
}

void DefenseInDepthPanel::ensureCurrent() const
{
    if (m_dirty) {
        auto *self = const_cast<DefenseInDepthPanel *>(this);
        self->recompute();
        self->rebuildTree();
    }
}

void DefenseInDepthPanel::recompute()
{
    m_dirty = false;
    m_mitigations.clear();
    m_layers.clear();
    const Document &document = *m_analysis->document();
    std::vector<const Threat *> threats;
    threats.reserve(m_analysis->result().threats.size());
    for (const Threat &threat : m_analysis->result().threats)
        threats.push_back(&threat);
    // The reports' computation, over every threat of the analysis.
    const DefenseInDepth coverage = buildDefenseInDepth(document.catalog(), threats);
    for (const LayerCoverage &layer : coverage.layers) {
        LayerSummary summary;
        summary.layer = layer.layer;
        summary.title = layerTitle(layer.layer);
        summary.recommended = int(layer.recommended());
        summary.implemented = int(layer.count(CoverageState::Implemented));
        summary.partial = int(layer.count(CoverageState::Partial));
        summary.missing = int(layer.count(CoverageState::Missing));
        summary.coveragePercent = layer.coveragePercent();
        m_layers.append(summary);
        for (const MitigationCoverage &m : layer.mitigations) {
            MitigationInfo info;
            info.id = QString::fromStdString(m.mitigation->id);
            info.title = QString::fromStdString(m.mitigation->title);
            info.layer = m.mitigation->layer;
            info.implementedCount = int(m.implementedFor);
            for (const CoveredThreat &covered : m.threats) {
                const Threat &threat = *threats[covered.threat];
                info.threats.push_back({QString::fromStdString(threat.id()),
                                        QString::fromStdString(threat.title()),
                                        covered.implemented});
            }
            MitigationPlan plan = planMitigation(m, threats, document.model(), document.catalog());
            info.changes = std::move(plan.settings);
            info.inexpressible = int(plan.inexpressible);
            m_mitigations.push_back(std::move(info));
        }
    }
    m_bars->setLayers(m_layers);

    int recommended = 0;
    int implemented = 0;
    for (const LayerSummary &l : std::as_const(m_layers)) {
        recommended += l.recommended;
        implemented += l.implemented;
    }
    m_summary->setText(recommended == 0
                           ? tr("No threat of the model calls for a control.")
                           : tr("%1 of %2 recommended controls implemented for every threat "
                                "they cover.")
                                 .arg(implemented)
                                 .arg(recommended));
}

void DefenseInDepthPanel::rebuildTree()
{
    // Keep what the reader opened and where they were.
    const bool firstBuild = m_tree->topLevelItemCount() == 0;
    QSet<QString> expanded;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->isExpanded())
            expanded.insert((*it)->data(0, KeyRole).toString());
    QString currentKey;
    if (QTreeWidgetItem *current = m_tree->currentItem())
        currentKey = current->data(0, KeyRole).toString();
    const int scroll = m_tree->verticalScrollBar() ? m_tree->verticalScrollBar()->value() : 0;

    m_tree->setUpdatesEnabled(false);
    m_tree->clear();
    QFont bold = m_tree->font();
    bold.setBold(true);
    const QBrush muted = palette().brush(QPalette::PlaceholderText);
    QTreeWidgetItem *current = nullptr;
    auto remember = [&](QTreeWidgetItem *item) {
        const QString key = item->data(0, KeyRole).toString();
        if (expanded.contains(key))
            item->setExpanded(true);
        if (!currentKey.isEmpty() && key == currentKey)
            current = item;
    };

    for (const LayerSummary &layer : std::as_const(m_layers)) {
        auto *layerItem = new QTreeWidgetItem(m_tree);
        layerItem->setText(0, layer.title);
        layerItem->setText(1, layer.recommended == 0 ? tr("none recommended")
                              : layer.partial > 0    ? tr("%1 / %2 (%3 partial), coverage %4%")
                                                        .arg(layer.implemented)
                                                        .arg(layer.recommended)
                                                        .arg(layer.partial)
                                                        .arg(layer.coveragePercent)
                                                  : tr("%1 / %2, coverage %3%")
                                                        .arg(layer.implemented)
                                                        .arg(layer.recommended)
                                                        .arg(layer.coveragePercent));
        layerItem->setFont(0, bold);
        layerItem->setData(0, KindRole, LayerItem);
        layerItem->setData(0, KeyRole, QStringLiteral("layer:") + layerKey(layer.layer));
        if (layer.recommended == 0) {
            layerItem->setForeground(0, muted);
            layerItem->setForeground(1, muted);
        }
        for (const MitigationInfo &info : m_mitigations) {
            if (info.layer != layer.layer)
                continue;
            auto *mitItem = new QTreeWidgetItem(layerItem);
            mitItem->setText(0, info.title);
            mitItem->setToolTip(0, tr("%1 \u2014 %2").arg(info.id, info.title));
            const int total = int(info.threats.size());
            mitItem->setText(
                1,
                info.implemented()
                    ? tr("\u2713 implemented for %1 of %2 threats")
                          .arg(info.implementedCount)
                          .arg(total)
                    : tr("implemented for %1 of %2 threats").arg(info.implementedCount).arg(total));
            mitItem->setData(0, KindRole, MitigationItem);
            mitItem->setData(0, KeyRole, info.id);
            int shown = 0;
            for (const ThreatLink &link : info.threats) {
                if (shown++ == maximumThreatRows) {
                    auto *more = new QTreeWidgetItem(mitItem);
                    more->setText(0,
                                  tr("\u2026 and %1 more threats").arg(total - maximumThreatRows));
                    more->setForeground(0, muted);
                    more->setFlags(Qt::ItemIsEnabled);
                    break;
                }
                auto *threatItem = new QTreeWidgetItem(mitItem);
                threatItem->setText(0, link.threatId + QStringLiteral("  ") + link.title);
                threatItem->setToolTip(0, tr("Double-click to show %1").arg(link.threatId));
                threatItem->setText(1, link.implemented ? tr("implemented") : tr("missing"));
                if (link.implemented)
                    threatItem->setForeground(1, muted);
                threatItem->setData(0, KindRole, ThreatItem);
                threatItem->setData(0, KeyRole, info.id + QLatin1Char('/') + link.threatId);
                remember(threatItem);
            }
            remember(mitItem);
        }
        if (firstBuild && layer.recommended > 0)
            layerItem->setExpanded(true);
        remember(layerItem);
    }
    if (current)
        m_tree->setCurrentItem(current);
    m_tree->setUpdatesEnabled(true);
    if (m_tree->verticalScrollBar())
        m_tree->verticalScrollBar()->setValue(scroll);
    updateMarkButton();
}

const DefenseInDepthPanel::MitigationInfo *
DefenseInDepthPanel::findInfo(const QString &mitigationId) const
{
    ensureCurrent();
    for (const MitigationInfo &info : m_mitigations)
        if (info.id == mitigationId)
            return &info;
    return nullptr;
}

QString DefenseInDepthPanel::currentMitigationId() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (item && item->data(0, KindRole).toInt() == ThreatItem)
        item = item->parent();
    if (item && item->data(0, KindRole).toInt() == MitigationItem)
        return item->data(0, KeyRole).toString();
    return QString();
}

QList<DefenseInDepthPanel::LayerSummary> DefenseInDepthPanel::layers() const
{
    ensureCurrent();
    return m_layers;
}

int DefenseInDepthPanel::linkedThreatCount(const QString &mitigationId) const
{
    const MitigationInfo *info = findInfo(mitigationId);
    return info ? int(info->threats.size()) : 0;
}

int DefenseInDepthPanel::implementedThreatCount(const QString &mitigationId) const
{
    const MitigationInfo *info = findInfo(mitigationId);
    return info ? info->implementedCount : 0;
}

int DefenseInDepthPanel::markableItemCount(const QString &mitigationId) const
{
    const MitigationInfo *info = findInfo(mitigationId);
    if (!info)
        return 0;
    QSet<QString> holders;
    for (const PropertySetting &change : info->changes)
        holders.insert(QString::fromStdString(change.holderId));
    return int(holders.size());
}

QString DefenseInDepthPanel::markUnavailableReason(const QString &mitigationId) const
{
    const MitigationInfo *info = findInfo(mitigationId);
    if (!info)
        return tr("No threat of the model links this control");
    if (info->implemented())
        return tr("Already implemented for every threat that links it");
    if (info->changes.empty())
        return noPropertyReason();
    return QString();
}

bool DefenseInDepthPanel::markImplemented(const QString &mitigationId)
{
    const MitigationInfo *info = findInfo(mitigationId);
    if (!info || info->changes.empty())
        return false;
    // One ChangePropertyCommand per property and value, all under one undo step.
    std::vector<std::pair<std::pair<std::string, PropertyValue>, QStringList>> groups;
    for (const PropertySetting &change : info->changes) {
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto &g) {
            return g.first.first == change.property && g.first.second == change.value;
        });
        if (it == groups.end()) {
            groups.push_back({{change.property, change.value}, {}});
            it = std::prev(groups.end());
        }
        it->second.append(QString::fromStdString(change.holderId));
    }
    const int count = markableItemCount(mitigationId);
    auto *macro = new QUndoCommand(
        tr("Mark \u201c%1\u201d implemented on %n item(s)", nullptr, count).arg(info->title));
    Document *document = m_analysis->document();
    for (const auto &[key, ids] : groups)
        new ChangePropertyCommand(document, ids, key.first, key.second, macro);
    document->undoStack()->push(macro);
    return true;
}

QTreeWidgetItem *DefenseInDepthPanel::mitigationItem(const QString &mitigationId) const
{
    ensureCurrent();
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->data(0, KindRole).toInt() == MitigationItem
            && (*it)->data(0, KeyRole).toString() == mitigationId)
            return *it;
    return nullptr;
}

void DefenseInDepthPanel::updateMarkButton()
{
    const QString id = currentMitigationId();
    if (id.isEmpty()) {
        m_markButton->setText(tr("Mark implemented"));
        m_markButton->setEnabled(false);
        m_markButton->setToolTip(tr("Select a mitigation"));
        return;
    }
    const int count = markableItemCount(id);
    const QString reason = markUnavailableReason(id);
    m_markButton->setText(count > 0 ? tr("Mark implemented on %n item(s)", nullptr, count)
                                    : tr("Mark implemented"));
    m_markButton->setEnabled(reason.isEmpty());
    m_markButton->setToolTip(reason.isEmpty()
                                 ? tr("Set the property that expresses this control, as one "
                                      "undo step")
                                 : reason);
}

void DefenseInDepthPanel::showContextMenu(const QPoint &position)
{
    QTreeWidgetItem *item = m_tree->itemAt(position);
    if (!item)
        return;
    m_tree->setCurrentItem(item);
    const QString id = currentMitigationId();
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    if (item->data(0, KindRole).toInt() == ThreatItem) {
        const QString threatId = item->data(0, KeyRole).toString().section(QLatin1Char('/'), 1);
        QAction *show = menu.addAction(tr("Show threat %1").arg(threatId));
        connect(show, &QAction::triggered, this,
                [this, threatId] { Q_EMIT threatActivated(threatId); });
    }
    if (!id.isEmpty()) {
        const int count = markableItemCount(id);
        const QString reason = markUnavailableReason(id);
        QAction *mark = menu.addAction(count > 0
                                           ? tr("Mark implemented on %n item(s)", nullptr, count)
                                           : tr("Mark implemented"));
        mark->setEnabled(reason.isEmpty());
        mark->setToolTip(reason);
        connect(mark, &QAction::triggered, this, [this, id] { markImplemented(id); });
    }
    if (!menu.isEmpty())
        menu.exec(m_tree->viewport()->mapToGlobal(position));
}

void DefenseInDepthPanel::onItemClicked(QTreeWidgetItem *item)
{
    if (item && item->data(0, KindRole).toInt() == MitigationItem)
        item->setExpanded(true);
}

void DefenseInDepthPanel::onItemDoubleClicked(QTreeWidgetItem *item)
{
    if (item && item->data(0, KindRole).toInt() == ThreatItem)
        Q_EMIT threatActivated(item->data(0, KeyRole).toString().section(QLatin1Char('/'), 1));
}

void DefenseInDepthPanel::selectLayer(DefenseLayer layer)
{
    const QString key = QStringLiteral("layer:") + layerKey(layer);
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->data(0, KeyRole).toString() == key) {
            item->setExpanded(true);
            m_tree->setCurrentItem(item);
            m_tree->scrollToItem(item, QAbstractItemView::PositionAtTop);
            return;
        }
    }
}

} // namespace bulkhead

#include "defenseindepthpanel.moc"
