/**
 * A screen that throws (or whose chunk fails to load) shows its error message in place, while the
 * navigation and the status bar keep working: never a blank window.
 */
import { Component, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { ErrorNotice } from '../components/notice';

interface State {
  readonly message: string | null;
}

export class ScreenErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: errorMessage(error) };
  }

  override render() {
    return this.state.message !== null ? <ErrorNotice message={this.state.message} /> : this.props.children;
  }
}
