import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../../src/App.svelte';

const value = (testId: string) => screen.getByTestId(testId).getAttribute('data-value');

describe('function scorecard page', () => {
  it('grades live as the user types: Series B medians → 77, C+, Stable', async () => {
    render(App);
    await userEvent.click(screen.getByRole('button', { name: 'Fill stage medians' }));
    expect(value('composite-score')).toBe('77');
    expect(value('composite-grade')).toBe('C+');
    expect(screen.getByTestId('zone')).toHaveTextContent('Stable');
  });

  it('re-grades when the stage changes (same values, Series C → lower grade)', async () => {
    render(App);
    await userEvent.click(screen.getByRole('button', { name: 'Fill stage medians' }));
    await userEvent.selectOptions(screen.getByLabelText('Company stage'), 'series-c');
    expect(Number(value('composite-score'))).toBeLessThan(77);
  });

  it('an invalid value gets an inline message, aria-invalid, and counts as not tracked', async () => {
    render(App);
    const nrr = screen.getByLabelText(/Net revenue retention/);
    await fireEvent.input(nrr, { target: { value: '400' } });
    expect(nrr).toHaveAttribute('aria-invalid', 'true');
    const msg = screen.getByRole('alert');
    expect(msg).toHaveTextContent(/NRR above 300/);
    expect(nrr.getAttribute('aria-describedby')).toContain(msg.id);
    expect(value('dimension-retention-score')).toBe('0');
    expect(screen.getByTestId('dimension-retention-score')).toHaveTextContent('Not tracked');
    await fireEvent.input(nrr, { target: { value: 'abc' } });
    expect(screen.getByRole('alert')).toHaveTextContent('"abc" is not a number');
  });

  it('understands pasted "115%" and "1:40"', async () => {
    render(App);
    await fireEvent.input(screen.getByLabelText(/Net revenue retention/), { target: { value: '115%' } });
    await fireEvent.input(screen.getByLabelText(/Accounts per CSM/), { target: { value: '1:40' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(value('dimension-coverage-score')).toBe('75');
    expect(value('dimension-retention-score')).toBe('75');
  });

  it('shows Not tracked dimensions and the flying-blind advice naming missing KPIs', async () => {
    render(App);
    await fireEvent.input(screen.getByLabelText(/Net revenue retention/), { target: { value: '115' } });
    expect(screen.getByTestId('dimension-support-grade')).toHaveAttribute('data-value', 'not-tracked');
    const advice = screen.getAllByTestId('advice');
    const blind = advice.find((a) => a.dataset.rule === 'flying-blind')!;
    expect(blind).toHaveTextContent(/GRR/);
  });

  it('explains the NRR override: zone demoted, grade unchanged, nrr-contraction advice', async () => {
    render(App);
    await userEvent.click(screen.getByRole('button', { name: 'Fill stage medians' }));
    const nrr = screen.getByLabelText(/Net revenue retention/);
    await fireEvent.input(nrr, { target: { value: '90' } });
    const overrides = screen.getByRole('list', { name: 'Zone overrides' });
    expect(within(overrides).getByText(/Zone Stable → Strained/)).toBeInTheDocument();
    expect(value('zone')).toBe('strained');
    const rules = screen.getAllByTestId('advice').map((a) => a.dataset.rule);
    expect(rules[0]).toBe('nrr-contraction');
  });

  it('ranks the highest-leverage fixes', async () => {
    render(App);
    await userEvent.click(screen.getByRole('button', { name: 'Fill stage medians' }));
    await fireEvent.input(screen.getByLabelText(/First-response time/), { target: { value: '20' } });
    await fireEvent.input(screen.getByLabelText(/Net revenue retention/), { target: { value: '105' } });
    const list = screen.getByRole('heading', { name: 'Highest-leverage fixes' }).closest('section')!;
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/First-response time/);
    expect(items[0]).toHaveTextContent('+3.4 pts');
  });
});
