#pragma once

#include "analysis/defenseindepth.h"
#include "catalog/threatrule.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QPoint;
class QPushButton;
class QSplitter;
class QTreeWidget;
class QTreeWidgetItem;

namespace bulkhead {

class AnalysisController;
class DefenseLayerBars;

/**
 * Defense in depth: for each of the eight layers, in report order, how many of the controls the
 * model's threats call for are in place, as buildDefenseInDepth() computes it for the reports
 * too: a mitigation is recommended when at least one threat of the analysis links it, and
 * implemented, partial or missing as its check holds for all, some or none of them.
 *
 * One bar per layer (implemented / recommended), and beside them (below them in a panel taller
 * than wide) layer → mitigation → the threats it covers. Double-clicking a threat row emits threatActivated(). A mitigation whose check some
 * property values express (planMitigation()) can be marked implemented in one undo step; the
 * others say that no property expresses them.
 *
 * Keeps threat ids, never Threat pointers: every analysisUpdated() invalidates those.
 */
class DefenseInDepthPanel : public QWidget
{
    Q_OBJECT

public:
    struct LayerSummary
    {
        DefenseLayer layer = DefenseLayer::Image;
        QString title;
        /** Distinct mitigations linked by at least one threat. */
        int recommended = 0;
        /** Of those, the ones implemented for every threat that links them. */
        int implemented = 0;
        /** Implemented for some of their threats, and for none. */
        int partial = 0;
        int missing = 0;
        /** Implemented (threat, mitigation) links over all, 0..100; -1 when nothing is recommended. */
        int coveragePercent = -1;
    };

    explicit DefenseInDepthPanel(AnalysisController *analysis, QWidget *parent = nullptr);
    ~DefenseInDepthPanel() override;

    /** The eight layers in report order, as of the current analysis. */
    QList<LayerSummary> layers() const;
    /** Threats linking the mitigation, and how many of them have it implemented. */
    int linkedThreatCount(const QString &mitigationId) const;
    int implementedThreatCount(const QString &mitigationId) const;
    /** Items "mark implemented" would change (0 when it is not available). */
    int markableItemCount(const QString &mitigationId) const;
    /** Why "mark implemented" is unavailable; empty when it is available. */
    QString markUnavailableReason(const QString &mitigationId) const;
    /** Sets the property on every item that lacks it, as one undo step; false if unavailable. */
    bool markImplemented(const QString &mitigationId);

    /** The layer → mitigation → threat tree, for tests. */
    QTreeWidget *tree() const { return m_tree; }
    /** Between the bars and the tree, for tests. */
    QSplitter *splitter() const { return m_splitter; }
    /** The tree row of a mitigation, or nullptr. */
    QTreeWidgetItem *mitigationItem(const QString &mitigationId) const;

Q_SIGNALS:
    /** A threat row was double-clicked. */
    void threatActivated(const QString &threatId);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    /** Bars beside the tree in a wide panel, above it in a tall one; see resizeEvent(). */
    void followShape();

    struct ThreatLink
    {
        QString threatId;
        QString title;
        bool implemented = false;
    };
    struct MitigationInfo
    {
        QString id;
        QString title;
        DefenseLayer layer = DefenseLayer::Image;
        std::vector<ThreatLink> threats;
        int implementedCount = 0;
        /** Property edits that implement it where it is missing. */
        std::vector<PropertySetting> changes;
        /** Unimplemented links whose check no single subject property expresses. */
        int inexpressible = 0;
        bool implemented() const { return implementedCount == int(threats.size()); }
    };

    void onAnalysisUpdated();
    void ensureCurrent() const;
    void recompute();
    void rebuildTree();
    void updateMarkButton();
    void showContextMenu(const QPoint &position);
    void onItemClicked(QTreeWidgetItem *item);
    void onItemDoubleClicked(QTreeWidgetItem *item);
    void selectLayer(DefenseLayer layer);
    const MitigationInfo *findInfo(const QString &mitigationId) const;
    QString currentMitigationId() const;

    AnalysisController *m_analysis;
    DefenseLayerBars *m_bars;
    QTreeWidget *m_tree;
    QPushButton *m_markButton;
    QLabel *m_summary;
    QSplitter *m_splitter = nullptr;
    /** Whether followShape() has set the splitter up once. */
    bool m_shapeFollowed = false;
    bool m_dirty = true;
    std::vector<MitigationInfo> m_mitigations;
    QList<LayerSummary> m_layers;
};

} // namespace bulkhead
