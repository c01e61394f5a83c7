import type { Stage } from '../lib/ocds/notice-types';
import './theme.css';

type TagColour = 'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

const STAGE_COLOURS: Record<Stage, TagColour> = {
  planning: 'light-blue',
  tender: 'green',
  award: 'purple',
  contract: 'turquoise',
  'contract management': 'turquoise',
  termination: 'red',
  cancelled: 'red',
  'dynamic market': 'pink',
  'buyer reporting': 'grey',
  transparency: 'yellow',
  corrigendum: 'orange',
  unknown: 'grey',
};

/** "Contract management"; "Stage unknown" when the data does not say. */
export function stageLabel(stage: Stage | string): string {
  if (!stage || stage === 'unknown') return 'Stage unknown';
  return stage.charAt(0).toUpperCase() + stage.slice(1);
}

/** The procurement's stage as a GOV.UK-style tag. */
export function StageBadge({ stage }: { stage: Stage | string }) {
  const colour = STAGE_COLOURS[stage as Stage] ?? 'grey';
  return <strong className={`tt-tag tt-tag--${colour}`}>{stageLabel(stage)}</strong>;
}
