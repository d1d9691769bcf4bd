/**
 * Chart.js with only the pieces the page uses, registered once. This module
 * is imported lazily, so Chart.js is its own chunk and not in the first load.
 */
import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LineController, LineElement, LinearScale,
  PointElement, Tooltip, DoughnutController, ArcElement,
} from 'chart.js';

Chart.register(
  BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Filler, Legend,
  Tooltip, DoughnutController, ArcElement,
);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.color = '#334155';
Chart.defaults.animation = false;

export { Chart };
