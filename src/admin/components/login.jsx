import React from 'react';
import { Box, Button, FormGroup, H2, Input, Label, MessageBox, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

/**
 * The log-in page: Wiredesk's own, so that password managers fill it in (`username` and `current-password`,
 * where AdminJS's form says `new-password`) and nothing on it comes from outside Wiredesk.
 */
const Login = () => {
  const { action, errorMessage } = window.__APP_STATE__ || {};
  const { translateComponent, translateMessage } = useTranslation();
  // Wiredesk's own messages (the lock-out) are sentences; AdminJS's are keys to translate.
  const message = errorMessage && (errorMessage.includes(' ') ? errorMessage : translateMessage(errorMessage));
  return (
    <Box flex variant="grey" alignItems="center" justifyContent="center" height="100%" data-testid="login">
      <Box as="form" action={action} method="POST" bg="white" boxShadow="login" p="x3" width={['100%', '420px']}>
        <H2 fontWeight="lighter">{translateComponent('Login.welcomeHeader')}</H2>
        <Text mb="xl">{translateComponent('Login.welcomeMessage')}</Text>
        {message && <MessageBox my="lg" message={message} variant="danger" />}
        <FormGroup>
          <Label htmlFor="login-email" required>{translateComponent('Login.properties.email')}</Label>
          <Input id="login-email" name="email" type="email" autoComplete="username" required autoFocus width="100%" />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="login-password" required>{translateComponent('Login.properties.password')}</Label>
          <Input id="login-password" name="password" type="password" autoComplete="current-password" required width="100%" />
        </FormGroup>
        <Button variant="contained" type="submit" mt="lg">{translateComponent('Login.loginButton')}</Button>
      </Box>
    </Box>
  );
};

export default Login;
