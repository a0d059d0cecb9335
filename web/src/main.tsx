import { render } from 'preact';
import { App } from './app';
import './styles.css';
import './phone.css';
import './find.css';
import './account.css';
import './data.css';

render(<App />, document.getElementById('app')!);
