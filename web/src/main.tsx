import { render } from 'preact';
import { App } from './app';
import './styles.css';
import './find.css';

render(<App />, document.getElementById('app')!);
